/** A balance beam with two pans: "timbang" means to weigh. */
export function Logo({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="logo">
      <rect width="64" height="64" rx="14" fill="#0b6e69" />
      <path d="M32 14v36M20 50h24M14 22h36" stroke="#fff" strokeWidth="4" strokeLinecap="round" fill="none" />
      <path d="M14 22l-7 14h14zM50 22l-7 14h14z" stroke="#fff" strokeWidth="3" strokeLinejoin="round" fill="none" />
      <path d="M7 36a7 4 0 0 0 14 0zM43 36a7 4 0 0 0 14 0z" fill="#f2c94c" />
      <circle cx="32" cy="14" r="4" fill="#f2c94c" />
    </svg>
  );
}

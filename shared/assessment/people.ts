/**
 * How people are told apart on screen: by name, and where two people here share a name,
 * by the start of their person id as well ("Budi Santoso · #3f2a9c").
 */
export function personLabels(people: readonly { id: string; name: string }[]): Map<string, string> {
  const idsByName = new Map<string, Set<string>>();
  for (const person of people) {
    const key = person.name.trim().toLocaleLowerCase('id');
    idsByName.set(key, (idsByName.get(key) ?? new Set()).add(person.id));
  }
  const labels = new Map<string, string>();
  for (const person of people) {
    const shared = (idsByName.get(person.name.trim().toLocaleLowerCase('id'))?.size ?? 0) > 1;
    labels.set(person.id, shared ? `${person.name} · #${shortId(person.id)}` : person.name);
  }
  return labels;
}

/** The first characters of a person id: enough to tell people apart, short enough to read out. */
export const shortId = (id: string): string => id.replace(/-/g, '').slice(0, 6);

// A process that works on a workspace until it is killed: notes with an increasing sequence,
// scores, document imports and recap exports, each acknowledged on stdout only once saved.
// The crash-safety test kills it (SIGKILL) at random moments and checks what survived.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { openWorkspace } from '../../../electron/core/workspace/open.ts';

const [dataDir, resourcesDir, firstSeq, submissionId, assessmentId, scratch, firstStep] = process.argv.slice(2) as string[];
const ws = await openWorkspace(dataDir as string, { resourcesDir: resourcesDir as string, fallbackActorName: 'crash' });
const say = (line: string) => process.stdout.write(`${line}\n`);
const codes = ['ECO.1', 'ECO.2', 'LIV.1', 'LIV.2'];
let seq = Number(firstSeq);
say('ready');
// The kind of work done first turns with each run, so even short runs (a loaded machine) do every kind.
for (let step = Number(firstStep ?? 0); ; step += 1) {
  seq += 1;
  const kind = step % 4;
  if (kind === 0) {
    ws.assessments.setNote(Number(assessmentId), 'ECO.1', `seq ${seq}`);
    say(`note ${seq}`);
  } else if (kind === 1) {
    const code = codes[seq % codes.length] as string;
    // Said before as well: a kill between the save and its acknowledgement may leave this value or the one before.
    say(`saving score ${code} ${1 + (seq % 5)}`);
    ws.assessments.setScore(Number(assessmentId), code, 1 + (seq % 5));
    say(`score ${code} ${1 + (seq % 5)}`);
  } else if (kind === 2) {
    // A small annex workbook, different every time, imported as a document of the submission.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Program');
    sheet.addRow(['Program', 'Dimensi', 'Urutan']);
    for (let row = 0; row < 30; row += 1) sheet.addRow([`Program ${seq}-${row}`, 'Smart Economy', row]);
    const path = join(scratch as string, `annex-${seq}.xlsx`);
    writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    const imported = await importDocument(
      { submissionId: Number(submissionId), path, fileName: `annex-${seq}.xlsx`, role: 'annex' },
      {
        db: ws.db,
        dataDir: dataDir as string,
        lexicon: ws.lexicon(),
        actor: { id: ws.profile.identity().id, name: 'crash', role: null },
        now: () => new Date().toISOString(),
        maxBytes: 10 * 1024 * 1024,
      },
    );
    say(`doc ${imported.id} ${imported.sha256} ${imported.pages}`);
  } else {
    const out = join(scratch as string, `recap-${seq}.xlsx`);
    await ws.reports.recapToFile(out, {});
    say(`recap ${seq}`);
  }
}

// Import/export layer: the DOCX writer's back matter — notes, the shorthand symbols, a recorded "disclosure control
// was off" line, the OGL attribution — and the provenance appendix that makes every number traceable: per item its
// datasets (id, vintage, SHA-256), the SQL that produced it, disclosure control and checks, app version, export time.
import { provenanceUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { Paragraph, TextRun } from 'docx';
import type { DocItem, PackDocument, PackMeta, Provenance } from '../pack/document.ts';
import { listParagraphs } from './docx-blocks.ts';
import { STYLE } from './docx-styles.ts';

const heading1 = (text: string, pageBreakBefore = false): Paragraph => new Paragraph({ text, heading: 'Heading1', pageBreakBefore });
const heading2 = (text: string): Paragraph => new Paragraph({ text, heading: 'Heading2' });
const heading3 = (text: string): Paragraph => new Paragraph({ text, heading: 'Heading3' });
const labelled = (label: string, text: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });

/** The sentence recorded on the cover and in the notes when the analyst turned disclosure control off. */
export function disclosureOffLine(doc: PackDocument): string | null {
  if (doc.disclosure.on) return null;
  const reason = doc.disclosure.offReason.trim();
  return `Disclosure control was turned off for this export${reason === '' ? '' : `. Reason given: ${reason}`}`.replace(/\.?$/, '.');
}

export function notesSection(doc: PackDocument, nextListInstance: () => number): Paragraph[] {
  const out: Paragraph[] = [heading1('Notes', true)];
  if (doc.notes.length === 0) out.push(new Paragraph('There are no notes.'));
  for (const note of doc.notes) out.push(new Paragraph({ children: [new TextRun({ text: `[${note.id}] `, bold: true }), new TextRun(note.text)] }));
  if (doc.shorthand.length > 0) {
    out.push(heading2('Symbols used in tables'));
    out.push(...listParagraphs(doc.shorthand.map((s) => [{ text: s.symbol, bold: true }, { text: ` ${s.meaning}` }]), false, nextListInstance()));
  }
  const off = disclosureOffLine(doc);
  if (off !== null) out.push(heading2('Disclosure control'), new Paragraph({ children: [new TextRun({ text: off, bold: true })] }));
  if (doc.attribution.length > 0) {
    out.push(heading2('Sources and licence'));
    for (const line of doc.attribution) out.push(new Paragraph(line));
  }
  return out;
}

/** Each statement in the monospace Source Code style, its line breaks kept. */
function sqlParagraphs(sql: string[]): Paragraph[] {
  if (sql.length === 0) return [new Paragraph('No SQL: the item was not produced by a query.')];
  return sql.map(
    (statement) =>
      new Paragraph({
        style: STYLE.code,
        children: statement.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1 })),
      }),
  );
}

function disclosureParagraphs(d: Provenance['disclosure']): Paragraph[] {
  if (d === null) return [new Paragraph('Not applicable: the item is not a table of counts.')];
  if (!d.applied) return [labelled('Off', d.offReason.trim() === '' ? 'no reason recorded.' : d.offReason)];
  return [labelled('Rules', d.rules), labelled('Summary', d.summary), labelled('Audit', d.audit)].filter((_, i) => [d.rules, d.summary, d.audit][i] !== '');
}

function itemProvenance(p: Provenance, meta: PackMeta, nextListInstance: () => number): Paragraph[] {
  const out: Paragraph[] = [heading2(p.item)];
  if (provenanceUsesSynthetic(p)) out.push(new Paragraph({ children: [new TextRun({ text: SYNTHETIC_NOTE, bold: true })] }));
  out.push(heading3('Data'));
  if (p.datasets.length === 0) out.push(new Paragraph('No dataset recorded.'));
  const datasets = p.datasets.map((d) => [
    { text: d.title, bold: true },
    { text: ` (${d.id}). ${d.vintage}.` },
    { text: d.sha256 === '' ? ' Built-in dataset.' : ` SHA-256: ${d.sha256}.` },
    ...(d.attribution === '' ? [] : [{ text: ` ${d.attribution}` }]),
  ]);
  if (datasets.length > 0) out.push(...listParagraphs(datasets, false, nextListInstance()));
  out.push(heading3('SQL'), ...sqlParagraphs(p.sql));
  out.push(heading3('Disclosure control'), ...disclosureParagraphs(p.disclosure));
  out.push(heading3('Checks'));
  if (p.checks.length === 0) out.push(new Paragraph('No reconciliation checks apply.'));
  else out.push(...listParagraphs(p.checks.map((c) => [{ text: c }]), false, nextListInstance()));
  out.push(new Paragraph({ style: STYLE.small, text: `Produced by the workbench version ${meta.appVersion}; exported ${meta.exportedAt}.` }));
  return out;
}

function provenanceOf(item: DocItem): Provenance | null {
  return item.kind === 'table' || item.kind === 'figure' || item.kind === 'key-figures' ? item.provenance : null;
}

export function provenanceAppendix(doc: PackDocument, nextListInstance: () => number): Paragraph[] {
  const items = doc.items.map(provenanceOf).filter((p): p is Provenance => p !== null);
  return [
    heading1('Appendix: provenance', true),
    new Paragraph(
      `How each table, figure and key figure was produced, so it can be reproduced from its data. Exported ${doc.meta.exportedAt} by the IDMG analyst workbench, version ${doc.meta.appVersion}.`,
    ),
    ...(items.length === 0 ? [new Paragraph('The pack has no tables, figures or key figures.')] : []),
    ...items.flatMap((p) => itemProvenance(p, doc.meta, nextListInstance)),
  ];
}

// Import/export layer: the DOCX writer's back matter, block by block as the pack's paginator lays it out (see
// lib/pack/paginate.ts): the notes (and a recorded "disclosure control was off" line), the shorthand symbols, the
// OGL attribution, and the provenance appendix that makes every number traceable — per item its datasets (id,
// vintage, SHA-256), disclosure control, checks and the SQL that produced it — ending with app version and time.
import { provenanceUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { Paragraph, TextRun } from 'docx';
import type { PackDocument, Provenance } from '../pack/document.ts';
import type { Block } from '../pack/paginate.ts';
import { hasNotesSection } from '../pack/paginate.ts';
import { hasProvenance, provenanceChunks } from '../pack/provenance-chunks.ts';
import { heading, listParagraphs, type Start } from './docx-blocks.ts';
import { STYLE } from './docx-styles.ts';

const labelled = (label: string, text: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });

/** The sentence recorded on the cover and in the notes when the analyst turned disclosure control off. */
export function disclosureOffLine(doc: PackDocument): string | null {
  if (doc.disclosure.on) return null;
  const reason = doc.disclosure.offReason.trim();
  return `Disclosure control was turned off for this export${reason === '' ? '' : `. Reason given: ${reason}`}`.replace(/\.?$/, '.');
}

function disclosureOff(doc: PackDocument): Paragraph[] {
  const off = disclosureOffLine(doc);
  return off === null ? [] : [heading('Disclosure control', 2), new Paragraph({ children: [new TextRun({ text: off, bold: true })] })];
}

/** SQL in the monospace Source Code style, its line breaks kept. */
function sqlParagraph(sql: string, breakBefore = false): Paragraph {
  return new Paragraph({ style: STYLE.code, pageBreakBefore: breakBefore, children: sql.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1 })) });
}

function disclosureParagraphs(d: Provenance['disclosure']): Paragraph[] {
  if (d === null) return [new Paragraph('Not applicable: the item is not a table of counts.')];
  if (!d.applied) return [labelled('Off', d.offReason.trim() === '' ? 'no reason recorded.' : d.offReason)];
  return [labelled('Rules', d.rules), labelled('Summary', d.summary), labelled('Audit', d.audit)].filter((_, i) => [d.rules, d.summary, d.audit][i] !== '');
}

/** An item's provenance apart from its SQL: its heading, data, disclosure control and checks. */
function itemProvenance(p: Provenance, hasSql: boolean, nextListInstance: () => number, start: Start): Paragraph[] {
  const out: Paragraph[] = [heading(p.item, 2, start)];
  if (provenanceUsesSynthetic(p)) out.push(new Paragraph({ children: [new TextRun({ text: SYNTHETIC_NOTE, bold: true })] }));
  out.push(heading('Data', 3));
  if (p.datasets.length === 0) out.push(new Paragraph('No dataset recorded.'));
  const datasets = p.datasets.map((d) => [
    { text: d.title, bold: true },
    { text: ` (${d.id}). ${d.vintage}.` },
    { text: d.sha256 === '' ? ' Built-in dataset.' : ` SHA-256: ${d.sha256}.` },
    ...(d.attribution === '' ? [] : [{ text: ` ${d.attribution}` }]),
  ]);
  if (datasets.length > 0) out.push(...listParagraphs(datasets, false, nextListInstance()));
  out.push(heading('Disclosure control', 3), ...disclosureParagraphs(p.disclosure));
  out.push(heading('Checks', 3));
  if (p.checks.length === 0) out.push(new Paragraph('No reconciliation checks apply.'));
  else out.push(...listParagraphs(p.checks.map((c) => [{ text: c }]), false, nextListInstance()));
  if (!hasSql) out.push(heading('SQL', 3), new Paragraph('No SQL: the item was not produced by a query.'));
  return out;
}

/** The paragraphs of one back-matter block; `start` puts it on a new page and bookmarks its heading. */
export function backMatterBlock(doc: PackDocument, block: Block, nextListInstance: () => number, start: Start): Paragraph[] {
  switch (block.kind) {
    case 'section-heading':
      if (block.section === 'notes') return [heading('Notes', 1, start), ...disclosureOff(doc)];
      return [
        heading('Appendix: provenance', 1, start),
        new Paragraph(`How each table, figure and key figure was produced, so it can be reproduced from its data. Exported ${doc.meta.exportedAt} by the IDMG analyst workbench, version ${doc.meta.appVersion}.`),
        ...(hasNotesSection(doc) ? [] : disclosureOff(doc)),
        ...(doc.items.some(hasProvenance) ? [] : [new Paragraph('The pack has no tables, figures or key figures.')]),
      ];
    case 'note': {
      const note = doc.notes[block.index];
      return note ? [new Paragraph({ pageBreakBefore: start.breakBefore === true, children: [new TextRun({ text: `[${note.id}] `, bold: true }), new TextRun(note.text)] })] : [];
    }
    case 'symbols':
      return [heading('Symbols used in tables', 2, start), ...listParagraphs(doc.shorthand.map((s) => [{ text: s.symbol, bold: true }, { text: ` ${s.meaning}` }]), false, nextListInstance())];
    case 'attribution':
      return [heading('Sources and licence', 2, start), ...doc.attribution.map((line) => new Paragraph(line))];
    case 'provenance': {
      const item = doc.items[block.item];
      if (!item || !hasProvenance(item)) return [];
      const chunks = provenanceChunks(item);
      if (block.part === 0) return itemProvenance(item.provenance, chunks.length > 0, nextListInstance, start);
      const sql = chunks[block.part - 1] ?? '';
      return block.part === 1 ? [heading('SQL', 3, start), sqlParagraph(sql)] : [sqlParagraph(sql, start.breakBefore)];
    }
    case 'colophon':
      return [new Paragraph({ style: STYLE.small, pageBreakBefore: start.breakBefore === true, text: `Produced by the workbench version ${doc.meta.appVersion}; exported ${doc.meta.exportedAt}. Disclosure control was ${doc.disclosure.on ? 'on' : 'off'} for this export.` })];
    default:
      return [];
  }
}

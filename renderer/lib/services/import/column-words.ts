// Services layer, pure wording: what the preview says about each column's inferred type — why a column that looks
// numeric stays text, how many shorthand cells become empty with their marker kept, how many values a chosen type
// cannot hold — and what happened once the table exists. One wording of each, used by the preview and the result.
import { formatNumber } from '../../viz/format.ts';
import { convertible } from '../../query/import/infer.ts';
import { typeWords } from './record.ts';
import type { ColumnDraft } from './table-import.ts';
import type { StatusOutcome } from './outcome.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The preview's sentences about the columns' types (counts are of the rows previewed for type, up to 50,000). */
export function columnWarnings(columns: ColumnDraft[]): string[] {
  const words: string[] = [];
  for (const c of columns) {
    const { counts, keptAsText } = c.guess;
    if (c.type === 'VARCHAR' && c.guess.type === 'VARCHAR' && keptAsText === 'leading-zeros') {
      words.push(`“${c.name}” is kept as text: some values start with 0 (codes such as 0012), which a number would lose.`);
    } else if (c.type === 'VARCHAR' && c.guess.type === 'VARCHAR' && keptAsText === 'mixed') {
      const text = counts.values - counts.decimals;
      words.push(`“${c.name}” is kept as text: ${plural(text, 'value')} of ${formatNumber(counts.values)} are not numbers. Choose “number” to import it as numbers, with those values kept in a status column.`);
    }
    if (c.type !== 'VARCHAR') {
      if (counts.markers > 0) words.push(`“${c.name}”: ${plural(counts.markers, 'shorthand cell')} ([c], [x], [z], “-”…) will be empty in the column, the marker kept in its status column.`);
      const lost = counts.values - convertible(counts, c.type, c.dates);
      if (lost > 0) words.push(`“${c.name}”: ${plural(lost, 'value')} cannot be read as ${typeWords(c.type)} and will be kept, as written, in its status column.`);
    }
  }
  return words;
}

/** What the created table's status columns hold, worded for the import's result. */
export function statusWords(status: StatusOutcome[]): string[] {
  return status.map((s) => {
    const parts = [s.markers > 0 ? plural(s.markers, 'shorthand cell') : '', s.failed > 0 ? `${plural(s.failed, 'value')} that did not convert (${s.examples.map((e) => `row ${formatNumber(e.row)}: “${e.text}”`).join(', ')})` : ''].filter(Boolean);
    return `“${s.column}”: ${parts.join(' and ')} kept in “${s.statusColumn}”.`;
  });
}

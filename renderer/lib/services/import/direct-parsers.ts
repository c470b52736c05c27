// Services layer: workbooks and Parquet parsed on the calling thread — for Node (tests, scripts, the bench), where no
// page must stay responsive. The page parses them in a worker instead (page-readers.ts).
import { readParquet } from '../../io/import/parquet.ts';
import { readWorkbook } from '../../io/import/spreadsheet.ts';
import type { GridParsers } from './read-file.ts';

export const directParsers: GridParsers = {
  workbook: async (bytes, name) => readWorkbook(bytes, name),
  parquet: (bytes, name) => readParquet(bytes, name),
};

import { Box, Text } from 'ink';
import { fit, tone, type Tone } from '../theme.js';

// Why not ink-table: `ink-table` 3.1 is CommonJS (`main: dist/index.js`, no "type": "module") and
// `require('ink')` of Ink 6 fails with ERR_REQUIRE_ASYNC_MODULE (Ink 6 is ESM with top-level await;
// checked here with `node -e "require('ink')"` on Node 20.20). The ESM fork @alcalzone/ink-table
// 1.1.1 loads, but sizes columns to their longest cell and draws borders: a long message pushes the
// table past 80 columns and the borders cost rows we need at 80x24. This small table has fixed
// column widths, cuts cells with an ellipsis and shows only a window of rows.

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TextTableProps {
  columns: Column[];
  rows: { cells: string[]; tone?: Tone }[];
}

function cell(s: string, c: Column): string {
  return c.align === 'right' && s.length <= c.width ? s.padStart(c.width) : fit(s, c.width);
}

export function TextTable({ columns, rows }: TextTableProps) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {columns.map((c) => cell(c.title, c)).join(' ')}
      </Text>
      {rows.map((r, i) => (
        <Text key={i} color={r.tone ? tone(r.tone) : undefined} wrap="truncate-end">
          {columns.map((c, j) => cell(r.cells[j] ?? '', c)).join(' ')}
        </Text>
      ))}
    </Box>
  );
}

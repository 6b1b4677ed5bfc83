import { inLang, type CellText, type Lang, type Localized } from '@/lib/questions/types';

/** A localized table from a prompt block or an explanation view. */
export function DataTable({
  caption,
  header,
  rows,
  lang,
  mono = false,
}: {
  caption?: Localized;
  header: readonly Localized[];
  rows: readonly (readonly CellText[])[];
  lang: Lang;
  mono?: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        {caption && <caption className="mb-1 text-left font-medium">{caption[lang]}</caption>}
        <thead>
          <tr>
            {header.map((h, j) => (
              <th key={j} scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                {h[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={`border border-line px-2 py-1 ${mono ? 'font-mono' : ''}`}>
                  {inLang(cell, lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

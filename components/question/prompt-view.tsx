import type { CellText, Lang, PromptBlock } from '@/lib/questions/types';

export function cellText(cell: CellText, lang: Lang): string {
  return typeof cell === 'string' ? cell : cell[lang];
}

export function PromptView({ blocks, lang }: { blocks: readonly PromptBlock[]; lang: Lang }) {
  return (
    <div className="space-y-4" data-testid="prompt">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'text':
            return (
              <p key={i} className="leading-relaxed whitespace-pre-line">
                {block.text[lang]}
              </p>
            );
          case 'code':
            return (
              <pre
                key={i}
                className="overflow-x-auto rounded-md border border-line bg-surface-2 p-4 font-mono text-sm leading-6"
                data-language={block.language}
                tabIndex={0}
              >
                <code>{block.code}</code>
              </pre>
            );
          case 'table':
            return (
              <div key={i} className="overflow-x-auto">
                <table className="w-full border-collapse text-sm">
                  {block.caption && <caption className="mb-1 text-left font-medium">{block.caption[lang]}</caption>}
                  <thead>
                    <tr>
                      {block.header.map((h, j) => (
                        <th key={j} scope="col" className="border border-line bg-surface-2 px-2 py-1 text-left">
                          {h[lang]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={c} className="border border-line px-2 py-1 font-mono">
                            {cellText(cell, lang)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </div>
  );
}

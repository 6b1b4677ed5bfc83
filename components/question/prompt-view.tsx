import { inLang, type Lang, type PromptBlock } from '@/lib/questions/types';
import { DataTable } from './data-table';

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
                <code>{inLang(block.code, lang)}</code>
              </pre>
            );
          case 'table':
            return <DataTable key={i} caption={block.caption} header={block.header} rows={block.rows} lang={lang} mono />;
        }
      })}
    </div>
  );
}

import { Fragment } from 'react';

/** Short pieces of text (an industry, a region, a date) joined by " · ", each kept on one line so a narrow screen breaks between them, never inside one. */
export function Inline({ parts }: { parts: ReadonlyArray<string | undefined | null> }) {
  const shown = parts.filter((part): part is string => Boolean(part));
  return (
    <>
      {shown.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && ' · '}
          <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
        </Fragment>
      ))}
    </>
  );
}

import type { Proposal } from './types';

/** The match reasons as the API gives them in the reader's language, each with its machine code. */
export function ReasonList({ reasons }: { reasons: Proposal['localisedReasons'] }) {
  return (
    <ul className="pilots-reasons">
      {reasons.map((reason, i) => (
        <li key={`${reason.code ?? 'text'}-${i}`}>
          {reason.message}
          {reason.code && <code className="pilots-reason-code"> {reason.code}</code>}
        </li>
      ))}
    </ul>
  );
}

import { Alert } from 'antd';

interface Props {
  title: string;
  problems: ReadonlyArray<{ path: string; message: string }>;
  testId: string;
  /** The place of a problem in words; without it the JSON Pointer of its field is shown. */
  place?(path: string): string;
  /** The message as shown (e.g. without a pointer the message repeats). */
  message?(message: string): string;
}

/** The server's problems with what was sent, each with its place; nothing when there are none. */
export function ProblemList({ title, problems, testId, place, message }: Props) {
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      style={{ marginTop: 8 }}
      title={title}
      description={
        <ul data-testid={testId}>
          {problems.map((p) => (
            <li key={`${p.path}${p.message}`}>
              {place ? <strong>{place(p.path)}</strong> : <code>{p.path}</code>} {message ? message(p.message) : p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

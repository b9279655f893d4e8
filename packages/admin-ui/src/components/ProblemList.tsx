import { Alert } from 'antd';

/** The server's problems with what was sent, each with the JSON Pointer of its field; nothing when there are none. */
export function ProblemList({ title, problems, testId }: { title: string; problems: ReadonlyArray<{ path: string; message: string }>; testId: string }) {
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
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

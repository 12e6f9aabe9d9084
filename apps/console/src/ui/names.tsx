/** A name as its owner writes it, with the Latin form beside it when that differs (e.g. 한국스타트업협회 · Korea Startup Association). */
export function NativeName({ name, latin }: { name: string; latin?: string | null }) {
  return (
    <span className="name">
      <span>{name}</span>
      {latin && latin !== name && <span className="latin"> · {latin}</span>}
    </span>
  );
}

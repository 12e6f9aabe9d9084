import { NativeName } from '../../ui/names';
import { useProgramme } from '../programmes/programme-api';

/** The short form of an id people can quote (the first block of the UUID). */
export function shortRef(id: string): string {
  return id.slice(0, 8);
}

/** A programme's name, native with the Latin form; its short id until (or unless) the name arrives. */
export function ProgrammeName({ programmeId }: { programmeId: string }) {
  const programme = useProgramme(programmeId);
  if (!programme.data) return <span className="code">{shortRef(programmeId)}</span>;
  return <NativeName name={programme.data.name} latin={programme.data.nameLatin} />;
}

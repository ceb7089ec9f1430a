/**
 * What of a register record may be shown or used on screen. Protected persons' addresses are never
 * handed to a caller that shows them, and children with protected personal data are left out
 * ("Barn med skyddade personuppgifter visas inte — kontakta receptionen"): callers get only how
 * many were hidden.
 */
import type { Protection, RegisterAddress, RegisterChild, RegisterPerson } from './person-register';

export interface VisibleChildren {
  children: RegisterChild[];
  /** How many children were left out because their data is protected. */
  hiddenChildren: number;
}

export interface DisplayPerson {
  givenName: string;
  surname: string;
  name: string;
  /** null when the register has none, or when the person's data is protected. */
  address: RegisterAddress | null;
  protection: Protection;
  children: Array<Omit<RegisterChild, 'protected'>>;
  hiddenChildren: number;
}

export function isProtected(person: Pick<RegisterPerson, 'protection'>): boolean {
  return person.protection !== 'none';
}

export function visibleChildren(person: Pick<RegisterPerson, 'children'>): VisibleChildren {
  const children = person.children.filter((c) => !c.protected);
  return { children, hiddenChildren: person.children.length - children.length };
}

/** A copy safe to show: no address for a protected person, no protected child. */
export function forDisplay(person: RegisterPerson): DisplayPerson {
  const { children, hiddenChildren } = visibleChildren(person);
  return {
    givenName: person.givenName,
    surname: person.surname,
    name: person.name,
    address: isProtected(person) || person.address === null ? null : { ...person.address },
    protection: person.protection,
    children: children.map(({ personalNumber, givenName, name, birthDate }) => ({
      personalNumber,
      givenName,
      name,
      birthDate,
    })),
    hiddenChildren,
  };
}

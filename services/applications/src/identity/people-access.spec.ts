import { ROLES, type Role } from '@exchange/data';
import { creatableRoles, mayCreateRole } from './people-access';

describe('the role ladder (who may create, see and key whom)', () => {
  const expected: Record<Role, Role[]> = {
    admin: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency'],
    programme_manager: ['programme_manager', 'reviewer', 'host', 'partner_agency'],
    reviewer: [],
    host: [],
    partner_agency: [],
    startup: [],
  };

  it.each(ROLES)('%s creates exactly the roles below (or beside) it', (caller) => {
    expect(creatableRoles(caller)).toEqual(expected[caller]);
    for (const target of ROLES) expect([target, mayCreateRole(caller, target)]).toEqual([target, expected[caller].includes(target)]);
  });

  it('never lets anyone create a startup principal (startups register themselves)', () => {
    expect(ROLES.filter((caller) => mayCreateRole(caller, 'startup'))).toEqual([]);
  });
});

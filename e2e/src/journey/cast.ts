import { randomUUID } from 'node:crypto';
import type { ApplicationsApi, ExchangeSdk } from '@exchange/sdk';
import type { Narrator } from './narrator';

/** One person of an organisation and the API key they act with. */
export interface Member {
  principalId: string;
  key: string;
  name: string;
}

/** The organisations and people of the journey, created by the admin over HTTP. */
export interface Cast {
  cityAgency: { id: string; manager: Member; reviewers: Member[] };
  partnerAssociation: { id: string; manager: Member; liaison: Member };
  hospital: { id: string; coordinator: Member };
  accelerator: { id: string; manager: Member };
  /** The Korean innovation association: it certifies its companies' innovativeness, and the programmes trust its certificates. */
  certificationBody: { id: string; manager: Member };
}

/** The admin's own key and organisation: the city agency, created by `npm run bootstrap`. */
export interface Admin {
  key: string;
  organisationId: string;
}

type Schemas = ApplicationsApi.components['schemas'];

export async function assembleCast(api: ExchangeSdk, admin: Admin, narrate: Narrator): Promise<Cast> {
  const run = randomUUID().slice(0, 6);
  const asAdmin = api.as(admin.key).applications;
  const organisation = (body: Schemas['CreateOrganisationDto']) => asAdmin.post('/v1/organisations', { body });
  const person = async (
    organisationId: string,
    displayName: string,
    role: Schemas['CreatePersonDto']['role'],
    preferredLanguage: Schemas['CreatePersonDto']['preferredLanguage'],
  ): Promise<Member> => {
    const created = await asAdmin.post('/v1/organisations/{organisationId}/people', {
      params: { path: { organisationId } },
      body: { displayName, role, preferredLanguage, email: `${role}.${run}.${randomUUID().slice(0, 4)}@example.org` },
    });
    const issued = await asAdmin.post('/v1/people/{personId}/api-keys', { params: { path: { personId: created.id } }, body: { label: 'startup exchange demo' } });
    return { principalId: created.id, key: issued.key, name: displayName };
  };

  const cityAgencyId = admin.organisationId;
  const partner = await organisation({
    name: '한국스타트업협회',
    nameLatin: 'Korea Startup Association',
    kind: 'partner_agency',
    country: 'KR',
    city: 'Seoul',
    preferredLanguage: 'ko',
  });
  const hospital = await organisation({
    name: 'Городская клиническая больница № 1',
    nameLatin: 'City Clinical Hospital No. 1',
    kind: 'host',
    country: 'RU',
    city: 'Moscow',
    preferredLanguage: 'ru',
  });
  const accelerator = await organisation({
    name: '서울 글로벌 액셀러레이터',
    nameLatin: 'Seoul Global Accelerator',
    kind: 'accelerator',
    country: 'KR',
    city: 'Seoul',
    preferredLanguage: 'en',
  });
  const certificationBody = await organisation({
    name: '한국혁신협회',
    nameLatin: 'Korea Innovation Association',
    kind: 'certification_body',
    country: 'KR',
    city: 'Seoul',
    preferredLanguage: 'ko',
  });
  narrate.say(
    'organisations: Moscow innovation agency (organiser), 한국스타트업협회 (partner), Городская клиническая больница № 1 (host), 서울 글로벌 액셀러레이터 (accelerator), 한국혁신협회 (certification body)',
  );

  const cast: Cast = {
    cityAgency: {
      id: cityAgencyId,
      manager: await person(cityAgencyId, 'Мария Соколова', 'programme_manager', 'ru'),
      reviewers: [
        await person(cityAgencyId, 'Иван Петров', 'reviewer', 'ru'),
        await person(cityAgencyId, 'Elena Smirnova', 'reviewer', 'en'),
        await person(cityAgencyId, '박지훈', 'reviewer', 'ko'),
      ],
    },
    partnerAssociation: {
      id: partner.id,
      manager: await person(partner.id, '이수진', 'programme_manager', 'ko'),
      liaison: await person(partner.id, '정민호', 'partner_agency', 'ko'),
    },
    hospital: { id: hospital.id, coordinator: await person(hospital.id, 'Анна Петрова', 'host', 'ru') },
    accelerator: { id: accelerator.id, manager: await person(accelerator.id, '최유나', 'programme_manager', 'en') },
    certificationBody: { id: certificationBody.id, manager: await person(certificationBody.id, '한지원', 'programme_manager', 'ko') },
  };
  narrate.say(
    'people with their API keys: a programme manager and three reviewers at the agency, a manager and a liaison at the association, a coordinator at the hospital, a manager at the accelerator, a manager at the certification body',
  );
  return cast;
}

/** Fixed ids of the demo seed, so that the seed is idempotent and tests and demos can refer to them. */
const id = (n: number) => `5eed0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const SEED_IDS = {
  organisations: {
    cityAgency: id(0x101),
    koreanAssociation: id(0x102),
    hospital: id(0x103),
    transportOperator: id(0x104),
    seoulAccelerator: id(0x105),
  },
  principals: {
    agencyAdmin: id(0x201),
    agencyManager: id(0x202),
    agencyReviewer: id(0x203),
    associationPartner: id(0x204),
    associationReviewer: id(0x205),
    hospitalHost: id(0x206),
    transportHost: id(0x207),
    acceleratorManager: id(0x208),
    acceleratorReviewer: id(0x209),
    mediVision: id(0x20a),
    transLogika: id(0x20b),
    smartFactoryLab: id(0x20c),
    auroraMobility: id(0x20d),
  },
  startups: {
    mediVision: id(0x301),
    transLogika: id(0x302),
    smartFactoryLab: id(0x303),
    auroraMobility: id(0x304),
  },
  certifications: {
    mediVisionInnovation: id(0x401),
    smartFactoryInnovation: id(0x402),
    transLogikaResident: id(0x403),
  },
  programmes: {
    cityPilots: id(0x501),
    seoulAccelerator: id(0x502),
  },
  pilotSites: {
    hospitalEmergency: id(0x601),
    hospitalRadiology: id(0x602),
    busDepot: id(0x603),
    metroInterchange: id(0x604),
  },
  cohorts: {
    seoulSpring: id(0x701),
  },
} as const;

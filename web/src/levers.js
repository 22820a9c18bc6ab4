// The main levers: the scenario's decisions grouped by theme, and ten parameters as sliders
// with their meaning and units in plain words; every other parameter is under "advanced".
//
// The ten were chosen by hand: the parameters fitted to the record (docs/calibration.md) and the
// weights that drive the Presidium's and the Central Committee's votes (docs/odd/elite.md). No
// sensitivity analysis ranks the parameters yet; when one does, this list should follow it.
export const LEVERS = [
  { path: 'society.active_threshold', label: 'How angry people must be to protest', unit: 'grievance above risk, 0–1',
    min: 0.1, max: 0.9, step: 0.01, help: 'Epstein’s threshold T: lower, and people take to the streets sooner.' },
  { path: 'repression.criminal_sentencing_rate', label: 'Sentences for ordinary crime', unit: 'per 1,000 people a year',
    min: 0, max: 10, step: 0.1, help: 'How many go to the camps each year for non-political crimes, at 1953 practice.' },
  { path: 'repression.camp_hardship', label: 'Hardship in the camps', unit: '0 (none) – 1 (extreme)',
    min: 0, max: 1, step: 0.01, help: 'Higher, and prisoners strike more often (Norilsk, Vorkuta, Kengir).' },
  { path: 'culture.censor.base', label: 'The censor’s leniency', unit: '0 (nothing bold) – 1 (anything)',
    min: 0, max: 1, step: 0.01, help: 'How bold a work may be and still be printed, under a leader neither reformer nor hardliner.' },
  { path: 'culture.crackdown.tolerance_base', label: 'Openness the leadership tolerates', unit: '0–1',
    min: 0, max: 1, step: 0.01, help: 'Above it, the leader turns on writers and artists (the Manège, Pasternak).' },
  { path: 'economy.agriculture.new_yield', label: 'Yield of the virgin lands', unit: 'tonnes of grain per hectare',
    min: 0.3, max: 2, step: 0.05, help: 'What freshly ploughed steppe gives in an average year, before erosion.' },
  { path: 'economy.industry.growth_1953', label: 'Industrial growth in 1953', unit: '% a year',
    min: 0, max: 20, step: 0.5, help: 'Where industry starts; it slows each year after.' },
  { path: 'bloc.austerity_hardship', label: 'How hard austerity bites in the satellites', unit: 'factor',
    min: 0, max: 4, step: 0.1, help: 'How much raised work norms and prices add to hardship in Poland, Hungary, the GDR…' },
  { path: 'elite.loyalty_base', label: 'Loyalty to the sitting leader', unit: 'utility',
    min: 0, max: 4, step: 0.1, help: 'How much Presidium and Central Committee members value backing whoever leads.' },
  { path: 'elite.w_tenure', label: 'Officials’ fear for their posts', unit: 'utility',
    min: 0, max: 6, step: 0.1, help: 'How much the risk of losing one’s seat (the 1961 rotation rule) turns officials against the leader.' },
];

// Themes of the decisions, by the scenario's `kind` of each decision.
export const THEMES = [
  ['power', 'Power and the Party', 'Who leads, the Party’s rules and its reorganisations.',
    ['leadership_succession_policy', 'party_congress', 'party_reform', 'rotation_rule', 'economic_councils']],
  ['camps', 'The camps, the courts and the deported', 'Amnesties, reviews, the camp regime, and the return of the deported nations.',
    ['amnesty', 'camp_regime', 'penal_policy', 'legal_reform', 'review_commissions', 'lift_settlement', 'repatriation']],
  ['truth', 'Revelations and culture', 'What people were told about Stalin’s crimes, and what writers and artists might do.',
    ['revelation', 'publication_permitted', 'cultural_exchange', 'leader_sees_exhibition']],
  ['bread', 'Bread, prices and housing', 'Harvests, the virgin lands, what things cost and where people lived.',
    ['virgin_lands', 'procurement_prices', 'retail_prices', 'consumer_priority', 'housing_programme', 'grain_import_policy']],
  ['bloc', 'The satellites', 'The Warsaw Pact, Soviet troops and what Moscow asked of the people’s democracies.',
    ['warsaw_pact', 'troop_withdrawal', 'intervention_policy', 'satellite_austerity']],
  ['world', 'The world', 'China, Berlin, Cuba, the United States and space.',
    ['beijing_line', 'china_aid', 'berlin_ultimatum', 'missile_deployment', 'rapprochement', 'space_launch']],
];

export function themeOf(kind) {
  const t = THEMES.find(([, , , kinds]) => kinds.includes(kind));
  return t ? t[0] : 'other';
}

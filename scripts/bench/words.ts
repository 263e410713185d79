/**
 * Word lists for the bench corpus generator. Names are built from syllables, so no real
 * person, group or place appears; the rest is general English news vocabulary.
 */

export const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'th', 'br', 'dr', 'gr', 'tr', 'st', 'y', 'j', 'q', 'ch'];
export const VOWELS = ['a', 'a', 'e', 'e', 'i', 'i', 'o', 'o', 'u', 'ai', 'ei', 'ou', 'ia', 'ee', 'aa'];
export const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'm', 'd', 'k', 'sh', 'z', 'b', 'ng'];
export const SURNAME_ENDINGS = ['', '', '', 'ani', 'ov', 'ez', 'ski', 'ari', 'ul', 'ek', 'oni', 'zai', 'idi', 'enko', 'ander', 'stein', 'ovic', 'awi'];
export const PLACE_ENDINGS = ['', '', '', 'an', 'ar', 'is', 'ovo', 'enza', 'ia', 'ur', 'esh', 'und', 'abad', 'grad', 'pur', 'stan', 'ville', 'dor'];
export const COUNTRY_ENDINGS = ['ia', 'enia', 'aria', 'or', 'istan', 'and', 'ova'];

export const GROUP_ADJ = ['Northern', 'Southern', 'Eastern', 'Western', 'Popular', 'Revolutionary', 'United', 'Democratic', 'National', 'Free', 'Patriotic', 'Sacred', 'Independent', 'Highland', 'Coastal', 'Federal', 'Red', 'Black', 'Green', 'New'];
export const GROUP_NOUN = ['Liberation', 'Resistance', 'Unity', 'Salvation', 'Justice', 'Freedom', 'Defence', 'Renewal', 'Solidarity', 'Dignity', 'Sovereignty', 'Reform', 'Victory', 'Martyrs', 'Workers'];
export const GROUP_TYPE = ['Front', 'Army', 'Movement', 'Council', 'Brigades', 'Alliance', 'Party', 'Forces', 'Legion', 'Union', 'Guard', 'Battalion'];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const MONTH_ABBR = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export const TARGETS = [
  'a crowded market',
  'a mosque during Friday prayers',
  'a police checkpoint',
  'a wedding hall',
  "a girls' school",
  'a bus station',
  'a hospital',
  "the provincial governor's compound",
  'a military base',
  'a hotel used by foreign contractors',
  'a sports stadium',
  'a funeral procession',
  'a university campus',
  'a bank where soldiers were collecting their salaries',
  'a border crossing',
  'a busy intersection',
  'a court building',
  'a voter registration centre',
  'a fuel depot',
  'a camp for displaced families',
];

export const BOMB_VERBS = [
  'a suicide bomber blew himself up at {t}',
  'a car bomb exploded outside {t}',
  'two explosions tore through {t}',
  'an improvised explosive device detonated near {t}',
  'a bomb hidden in a motorcycle went off near {t}',
];
export const ATTACK_VERBS = [
  'gunmen stormed {t}',
  'armed men opened fire on {t}',
  'attackers wearing army uniforms raided {t}',
  'fighters armed with rifles and grenades attacked {t}',
];
export const CLASH_VERBS = [
  'heavy fighting broke out between {g} fighters and government forces near {c}',
  'government troops clashed with {g} fighters on the outskirts of {c}',
  '{g} fighters overran army positions around {c}',
];

export const WITNESS_JOBS = ['a shopkeeper', 'a taxi driver', 'a teacher', 'a student', 'a nurse at the main hospital', 'a farmer from a nearby village', 'a local journalist', 'a street vendor', 'a retired soldier', 'a mother of four', 'an ambulance driver', 'a tribal elder'];

export const SUBJECTS = [
  'Local residents', 'Aid agencies', 'Security analysts', 'Diplomats', 'Human rights groups', 'Provincial officials', 'Tribal elders', 'Doctors at the main hospital',
  'Relief workers', 'Opposition lawmakers', 'Religious leaders', 'Traders in the old bazaar', 'Journalists in the capital', 'Community leaders', 'Teachers', 'Farmers',
  'Regional governments', 'Donor countries', 'Police commanders', 'Military planners', 'Women activists', 'Students', 'Economists', 'Refugee advocates',
];
export const VERBS = [
  'warned of', 'reported', 'described', 'called for', 'complained about', 'pointed to', 'expressed concern over', 'documented', 'criticised', 'welcomed',
  'raised questions about', 'blamed the government for', 'played down', 'highlighted', 'struggled to explain', 'demanded an inquiry into', 'asked for help with', 'noted',
];
export const OBJECTS = [
  'a rise in displacement', 'shortages of fuel and medicine', 'new checkpoints on the main highway', 'the collapse of local markets', 'a wave of targeted killings',
  'the closure of schools', 'rising food prices', 'the slow pace of reconstruction', 'arbitrary detentions', 'attacks on health workers', 'the recruitment of teenagers',
  'power cuts that lasted for days', 'the lack of clean water', 'a growing number of refugees', 'the disappearance of several activists', 'pressure on local newspapers',
  'the cost of rebuilding bridges', 'restrictions on travel between provinces', 'unpaid salaries for civil servants', 'a surge in kidnappings for ransom',
  'landmines left in farmland', 'damage to irrigation canals', 'delays at the border', 'the shortage of qualified doctors', 'a sharp fall in remittances',
];
export const TAILS = [
  'in recent weeks', 'over the past year', 'across the region', 'since the start of the conflict', 'in several districts', 'despite repeated promises',
  'according to a report seen by reporters', 'as winter approached', 'during the negotiations', 'after the ceasefire collapsed', 'in rural areas', 'along the northern border',
  'in the weeks that followed', 'while the talks were stalled', 'amid a worsening economic crisis', '',
];
export const ANALYSIS_OPENERS = [
  'Observers say', 'Analysts argue', 'Officials insist', 'Critics note', 'Many residents believe', 'It remains unclear whether', 'Some diplomats privately concede',
  'Researchers have found', 'A recent survey suggested', 'Security sources said',
];
export const ANALYSIS_CLAIMS = [
  'the government has little control over the countryside',
  'the group draws much of its support from unemployed young men',
  'the violence is likely to intensify before the elections',
  'negotiations will not resume until the prisoners are released',
  'the attacks are meant to undermine confidence in the security forces',
  'the armed groups finance themselves through smuggling and extortion',
  'local militias have filled the gap left by the army',
  'the displacement crisis is far larger than official figures suggest',
  'rival factions within the movement disagree over strategy',
  'foreign fighters have crossed the mountains in small numbers',
  'the new checkpoints have done little to stop the bombings',
  'the budget for reconstruction has been cut by almost half',
];
export const QUOTES = [
  'We will not allow {g} to threaten the people of {p}',
  'Those responsible will be found and brought to justice',
  'The security situation has improved, but we remain vigilant',
  'This was a cowardly attack on innocent civilians',
  'Our forces are in full control of the district',
  'We need more ambulances and more blood donors',
  'The people of {p} deserve to live without fear',
  'We have warned the government many times, and nobody listened',
  'Nobody has told us what happened to our relatives',
  'The investigation is continuing and we will share the results',
  'Every family in this neighbourhood has lost someone',
  'We call on all sides to respect the ceasefire',
];
export const HEADINGS = ['Background', 'Reactions', 'A pattern of attacks', 'Who is behind the violence', 'The humanitarian toll', 'What comes next', 'Security response', 'A divided region', 'The view from the capital', 'Context', 'Analysis', 'Eyewitness accounts'];
export const PDF_SECTIONS = ['Introduction', 'Methodology', 'The evolution of the armed groups', 'Patterns of violence', 'Recruitment and finance', 'The state response', 'Regional dimensions', 'Humanitarian consequences', 'Conclusion', 'Recommendations'];
export const INSTITUTE_KINDS = ['Institute for Security Studies', 'Centre for Conflict Research', 'Foundation for Peace', 'Policy Forum', 'Observatory on Armed Violence'];
export const OUTLET_KINDS = ['Daily', 'Observer', 'News Agency', 'Times', 'Herald', 'Tribune', 'Press'];
export const MINISTRIES = ['the Interior Ministry', 'the Defence Ministry', 'the Ministry of Public Health', 'the provincial police', 'the national security directorate', 'the provincial health department', "the governor's office"];
export const OFFICIAL_ROLES = ['a spokesman for {m}', 'a spokeswoman for {m}', 'a senior official at {m}', 'the deputy head of {m}'];

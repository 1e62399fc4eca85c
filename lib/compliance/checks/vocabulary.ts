// Words the built-in checks look for, as regular-expression sources (matched
// case-insensitively, as whole words). Lists, not cleverness: add a word here
// when a real answer slips through.

const alternation = (words: string[]) => `(?:${words.join("|")})`;

/** Medicines by name: the psychotropics CAM's users ask about most, and common others. */
export const MEDICATION_NAME = alternation([
  "sertraline", "fluoxetine", "escitalopram", "citalopram", "paroxetine", "fluvoxamine", "venlafaxine",
  "desvenlafaxine", "duloxetine", "mirtazapine", "agomelatine", "vortioxetine", "bupropion", "moclobemide",
  "amitriptyline", "nortriptyline", "clomipramine", "lithium", "(?:sodium )?valproate", "lamotrigine",
  "carbamazepine", "quetiapine", "olanzapine", "risperidone", "aripiprazole", "clozapine", "haloperidol",
  "paliperidone", "lurasidone", "ziprasidone", "asenapine", "brexpiprazole", "cariprazine", "diazepam",
  "lorazepam", "alprazolam", "clonazepam", "oxazepam", "temazepam", "zolpidem", "zopiclone", "melatonin",
  "methylphenidate", "dexamfetamine", "dexamphetamine", "lisdexamfetamine", "atomoxetine", "guanfacine",
  "clonidine", "buprenorphine", "methadone", "naltrexone", "acamprosate", "disulfiram", "propranolol",
  "prazosin", "pregabalin", "gabapentin", "tramadol", "oxycodone", "codeine", "morphine", "paracetamol",
  "acetaminophen", "ibuprofen", "aspirin", "metformin", "insulin", "warfarin", "prednisolone",
  "levothyroxine", "ketamine", "esketamine", "naloxone", "st\\.? john'?s wort",
  "zoloft", "lexapro", "prozac", "effexor", "pristiq", "cymbalta", "avanza", "seroquel", "zyprexa",
  "abilify", "valium", "xanax", "stilnox", "ritalin", "vyvanse", "concerta", "panadol", "nurofen",
]);

/** Words for medicines in general. */
export const MEDICATION_WORD = alternation([
  "medications?", "medicines?", "meds", "tablets?", "pills?", "capsules?", "antidepressants?",
  "antipsychotics?", "mood[- ]stabili[sz]ers?", "stimulants?", "benzodiazepines?", "benzos?", "ssris?",
  "snris?", "sleeping (?:pills|tablets)", "prescriptions?", "injections?", "depot", "inhalers?",
]);

/** Either of the above. */
export const MEDICATION = `(?:${MEDICATION_NAME}|${MEDICATION_WORD})`;

/** Conditions a clinician diagnoses; mental health first, since that is CAM's field. */
export const CONDITION = alternation([
  "(?:major |clinical |postnatal |postpartum |severe |mild |moderate )?depression",
  "(?:a |an )?(?:major )?depressive (?:disorder|episode)", "bipolar(?: disorder| i{1,2}| type (?:1|2|i{1,2}))?",
  "(?:an? )?(?:generali[sz]ed |social )?anxiety disorder", "panic disorder", "agoraphobia", "ptsd", "c-ptsd",
  "post-?traumatic stress disorder", "ocd", "obsessive[- ]compulsive disorder", "adhd",
  "attention[- ]deficit(?:/| )hyperactivity disorder", "autism(?: spectrum disorder)?", "asd", "autistic",
  "schizophrenia", "schizoaffective disorder", "(?:a )?psychosis", "(?:a )?psychotic disorder",
  "borderline personality disorder", "bpd", "(?:a |an )?(?:\\w+ )?personality disorder",
  "(?:an )?eating disorder", "anorexia(?: nervosa)?", "bulimia(?: nervosa)?", "binge[- ]eating disorder",
  "dementia", "alzheimer'?s(?: disease)?", "dysthymia", "cyclothymia", "insomnia",
  "(?:a |an )?(?:substance|alcohol) use disorder", "(?:an )?addiction", "cancer", "diabetes",
  "(?:a )?brain tumou?r", "multiple sclerosis", "epilepsy", "parkinson'?s(?: disease)?",
]);

/** People and services that give professional care. */
export const PROVIDER = alternation([
  "doctors?", "gps?", "general practitioners?", "psychologists?", "psychiatrists?", "therapists?",
  "psychotherapists?", "counsell?ors?", "clinicians?", "(?:mental )?health (?:care )?professionals?",
  "professionals?", "specialists?", "nurses?", "social workers?", "pharmacists?", "paediatricians?",
  "(?:mental health |crisis )?services?", "hospitals?", "(?:the )?emergency(?: department)?", "a&e", "headspace", "lifeline", "helplines?", "crisis lines?", "care team", "treating team",
]);

/** Kinds of professional care. */
export const CARE = alternation([
  "therapy", "psychotherapy", "counsell?ing", "cbt", "dbt", "treatment", "psychiatric care",
  "(?:professional|medical|psychological|psychiatric|clinical) (?:help|advice|care|attention|support|treatment)",
]);

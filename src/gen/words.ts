// Word lists for the test-data generator only (not normalization rules: those live in config/).

export const SYLLABLE_CONSONANTS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'c', 'h'];
export const SYLLABLE_VOWELS = ['a', 'e', 'i', 'o'];

export const INDUSTRIES = [
  'Widgets', 'Gadgets', 'Logistics', 'Analytics', 'Health', 'Systems', 'Software', 'Foods', 'Energy', 'Capital',
  'Labs', 'Media', 'Robotics', 'Partners', 'Consulting', 'Networks', 'Solutions', 'Pharma', 'Materials', 'Retail',
  'Security', 'Dynamics', 'Industries', 'Studios', 'Ventures', 'Holdings', 'Biotech', 'Marine', 'Aerospace', 'Foods & Co',
];

export const LEGAL_SUFFIXES = ['Inc', 'Inc.', ', Inc.', 'LLC', 'L.L.C.', 'Corp', 'Corp.', 'Corporation', 'Group', 'Ltd', 'Co.', 'Company', 'GmbH', 'PLC'];

export const TLDS = ['com', 'com', 'com', 'com', 'io', 'net', 'co', 'org', 'co.uk', 'de'];

export const FIRST_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy',
  'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven',
  'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Dorothy', 'Kevin', 'Carol',
  'Brian', 'Amanda', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Edward', 'Rebecca', 'Jason',
  'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Kathleen', 'Gary', 'Amy', 'Nicholas', 'Angela', 'Eric',
  'Shirley', 'Jonathan', 'Anna', 'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Emma', 'Scott', 'Nicole',
  'Brandon', 'Helen', 'Benjamin', 'Samantha', 'Samuel', 'Katherine', 'Gregory', 'Christine', 'Frank', 'Debra',
  'Alexander', 'Rachel', 'Raymond', 'Carolyn', 'Patrick', 'Janet', 'Jack', 'Catherine', 'Dennis', 'Maria', 'Jerry',
  'Heather', 'José', 'Zoë', 'Renée', 'Björn', 'Siobhan', 'Aoife', 'Priya', 'Wei', 'Hiroshi', 'Olga', 'Mohammed',
  'Fatima', 'Chloé', 'Søren', 'Ana', 'Luis', 'Mei', 'Arjun', 'Ngozi', 'Kwame',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz',
  'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers',
  "O'Brien", 'McDonald', 'MacDonald', 'van der Berg', 'de la Cruz', 'Müller', 'Schröder', 'Østergaard', 'Kowalski',
  'Nakamura', 'Okafor', 'Patel', 'Singh', 'Chen', 'Wang', 'Kim', 'Ivanova', 'Rossi', 'Dubois', 'Fernández',
  'Ahmed', 'Haddad', 'Cohen', 'Murray', 'Sullivan', 'Bennett', 'Brooks', 'Kelly', 'Sanders', 'Price', 'Barnes',
  'Fisher', 'Henderson', 'Coleman', 'Simmons', 'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Wallace',
];

export const NAME_PREFIXES = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mr', 'Dr'];
export const NAME_SUFFIXES = ['Jr.', 'Sr.', 'III', 'PhD', ', Jr.', ', PhD', 'II', 'MBA'];

/** Each entry: the variants a legacy export may hold for one role (the first is the master's form). */
export const TITLES: string[][] = [
  ['VP of Human Resources', 'VP HR', 'HR VP', 'v.p. of hr', 'Vice President, Human Resources'],
  ['HR Lead', 'hr lead', 'Lead, HR', 'HR Team Lead'],
  ['VP of HR Operations', 'v.p. of hr operations', 'Vice President of HR Operations', 'VP HR Ops'],
  ['CEO', 'Chief Executive Officer', 'C.E.O.', 'ceo', 'CEO & Founder'],
  ['CFO', 'Chief Financial Officer', 'C.F.O.', 'cfo'],
  ['CTO', 'Chief Technology Officer', 'C.T.O.', 'cto'],
  ['Director of Sales', 'Dir. of Sales', 'Sales Director', 'dir of sales', 'DIRECTOR OF SALES'],
  ['Director of Marketing', 'Dir. Marketing', 'Marketing Director', 'Mktg Dir.'],
  ['Senior Software Engineer', 'Sr. Software Engineer', 'Sr Software Engr', 'senior software engineer'],
  ['Talent Acquisition Manager', 'Talent Acquisition Mgr', 'TA Manager', 'talent acquisition manager'],
  ['Recruiter', 'recruiter', 'Technical Recruiter', 'Sr. Recruiter'],
  ['Operations Manager', 'Ops Manager', 'Operations Mgr.', 'operations manager'],
  ['Account Executive', 'AE', 'Acct. Executive', 'account executive'],
  ['SVP of Sales', 'Senior Vice President, Sales', 'S.V.P. Sales', 'svp sales'],
  ['General Manager', 'GM', 'G.M.', 'general manager'],
  ['Head of People', 'head of people', 'People Lead', 'Head of People & Culture'],
  ['CHRO', 'Chief Human Resources Officer', 'chro'],
  ['Business Development Manager', 'Biz Dev Manager', 'BD Manager', 'Bus. Dev. Mgr'],
];

export const PERSONAL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'protonmail.com'];

export const AREA_CODES = ['212', '415', '312', '617', '206', '512', '303', '404', '305', '702', '646', '718', '213', '858'];

export const NOTES = [
  'Met at SaaStr',
  'Warm intro from board member',
  'Prefers email, not phone',
  'Asked to follow up in Q3, budget pending',
  'Former customer',
  'Replied once, then went quiet',
  'Spoke at HR Tech conference',
  'Do not contact before renewal',
];

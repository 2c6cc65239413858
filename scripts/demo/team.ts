// The demo's team, as a sales director would know it: who they are, when their 1:1s are, what was
// said in them (newest first), what each side promised, and the numbers they are measured on.
// Pure data: seed.ts places it on the calendar relative to today and writes the backup file.
//
// Alex Morgan (the user) is a sales director. Directs: four account executives with monthly
// quotas and two sales managers with their teams' numbers. Diane Whitaker, the VP, is Alex's own
// manager: she organises their 1:1s, so she is not a direct. Priya is a peer whose 1:1 has no
// guests, only the title "Priya <> Alex". Ravi's last two 1:1s were cancelled (a customer onsite):
// he is the overdue direct.
import type { Level } from '../../src/domain/schemas';

export const ME = { email: 'alex.morgan@example.com', name: 'Alex Morgan', title: 'Sales Director' } as const;
/** The bearer token the demo build uses against the fake Calendar API. */
export const DEMO_TOKEN = 'demo-alex-token';

export interface ItemSpec {
  text: string;
  owner: 'me' | 'them';
  /** Due this many days after the meeting. */
  dueDays?: number;
  /** Still open (default: done). */
  open?: boolean;
}

/** One held 1:1: the shared notes (written into the event), action items, and private notes (kept local). */
export interface HistoryEntry {
  notes: string;
  items?: ItemSpec[];
  privateNote?: string;
}

export interface Quota {
  metric: string;
  unit: string;
  decimals: number;
  /** Per month, in whole units of `unit` (decimals 0). */
  monthly: number;
  /** Actual as a share of the target: two months ago, last month, this month's pace. */
  attainment: [number, number, number];
  /** Typical size of one entry (a deal, a day's calls), in whole units. */
  chunk: number;
  /** Names for progress entries' notes (deals). */
  dealNames?: readonly string[];
}

export interface OneOnOneSlot {
  /** 1 = Monday … 5 = Friday; 'today' puts the series on today's weekday (the sidebar demo). */
  weekday: number | 'today';
  hour: number;
  minute: number;
  minutes: number;
}

export interface TeamMember {
  key: string;
  name: string;
  email: string;
  role: string;
  relationship: 'direct' | 'manager' | 'peer';
  level: Level;
  slot: OneOnOneSlot;
  /** Who organises the series: 'me' (a direct) or 'them' (Alex's own manager). */
  organiser: 'me' | 'them';
  /** Indexes (0 = most recent) of past instances that were cancelled. */
  cancelled?: readonly number[];
  /** Every instance of the last two weeks was cancelled: this direct is overdue. */
  overdue?: boolean;
  history: readonly HistoryEntry[];
  quotas?: readonly Quota[];
  talkingPoints?: readonly string[];
}

/** Accounts the reps sell to (fictional companies). */
const DEALS = {
  sofia: ['Woodgrove Bank expansion', 'Litware renewal upsell', 'Contoso Retail pilot', 'Fabrikam analytics add-on', 'Alpine Ski House', 'Lucerne Publishing'],
  jamal: ['Fourth Coffee', 'Trey Research', 'Coho Winery add-on', 'Margie\'s Travel', 'Wide World Importers pilot'],
  emma: ['Adventure Works', 'Proseware', 'Blue Yonder Airlines phase 0', 'Humongous Insurance pilot', 'Graphic Design Institute'],
  ravi: ['Tailspin Toys', 'Northwind Traders (inherited)', 'School of Fine Art', 'City Power & Light pilot'],
} as const;

export const TEAM: readonly TeamMember[] = [
  {
    key: 'sofia',
    name: 'Sofia Marquez',
    email: 'sofia.marquez@example.com',
    role: 'Senior Account Executive',
    relationship: 'direct',
    level: 'frontline',
    slot: { weekday: 1, hour: 9, minute: 30, minutes: 30 },
    organiser: 'me',
    cancelled: [4],
    quotas: [{ metric: 'Bookings', unit: 'USD', decimals: 0, monthly: 120_000, attainment: [1.04, 1.12, 1.18], chunk: 21_000, dealNames: DEALS.sofia }],
    talkingPoints: ['Principal AE expectations doc: walk through it together', 'Would she run the multi-threading workshop at the team offsite?'],
    history: [
      {
        notes:
          'Woodgrove Bank expansion signed ($38k): procurement took three weeks less than planned thanks to the early security review.\nNext month is thin after that: 2.1x coverage.\nPromotion: Sofia wants Principal AE by the next review cycle. Agreed the gap is leading a team initiative, not the numbers.',
        items: [
          { text: 'Send Sofia the Principal AE expectations doc', owner: 'me', dueDays: 3, open: true },
          { text: 'One-page plan for the multi-threading workshop', owner: 'them', dueDays: 10, open: true },
          { text: 'Build next month to 3x coverage: four new discovery calls', owner: 'them', dueDays: 14, open: true },
        ],
        privateNote: 'Diane asked who is ready for Principal. Sofia is, six months from now; make sure the workshop gets visibility.',
      },
      {
        notes:
          'Her 10 minutes: the CPQ tool costs 40 minutes per quote.\nMine: Woodgrove redlines are stuck on the liability cap; I talk to legal.\nThe future: she would like to mentor. Paired her with Ravi for his first enterprise deal.',
        items: [
          { text: 'Ask legal for a fallback position on the Woodgrove liability cap', owner: 'me', dueDays: 2 },
          { text: "Shadow Ravi's Tailspin discovery call and give him feedback", owner: 'them', dueDays: 7 },
          { text: 'Log the CPQ quote-time problem with RevOps', owner: 'me', open: true },
        ],
      },
      {
        notes: 'Forecast: commit $96k, best case $131k.\nFabrikam slipped to next month (champion on leave). Keep it warm without discounting: a mutual action plan with dates instead.',
        items: [
          { text: 'Send Fabrikam a mutual action plan with dates', owner: 'them', dueDays: 3 },
          { text: 'Update close dates in the CRM for Fabrikam and Litware', owner: 'them', dueDays: 1 },
        ],
      },
      {
        notes: 'Closed Litware ($22k). Retro: we won on the integration demo; our pricing page confused them.\nCoaching: ask for the decision process earlier. She learned about the CFO sign-off in week five.',
        items: [{ text: 'Send the pricing-page feedback to product marketing', owner: 'them', dueDays: 5 }],
      },
      {
        notes: 'Next quarter: she would like to own two strategic accounts (Woodgrove, Contoso). Agreed, account plans first.',
        items: [{ text: 'Account plans for Woodgrove and Contoso', owner: 'them', dueDays: 14 }],
      },
      {
        notes: 'Retail summit follow-up: 14 leads, 5 qualified.\nToo many internal meetings: she will skip the weekly deal desk unless one of her deals is in review.',
      },
      {
        notes: 'Career: Principal AE in six to nine months, management maybe later. What she wants from me: more visibility with Diane. I bring her into the QBR.',
        items: [{ text: 'Invite Sofia to present a deal at the QBR', owner: 'me', dueDays: 7 }],
      },
      { notes: 'New pricing: no concerns. Pipeline review: 3.4x coverage, the strongest in the team.' },
    ],
  },
  {
    key: 'jamal',
    name: 'Jamal Carter',
    email: 'jamal.carter@example.com',
    role: 'Account Executive',
    relationship: 'direct',
    level: 'frontline',
    slot: { weekday: 'today', hour: 11, minute: 0, minutes: 30 },
    organiser: 'me',
    quotas: [
      { metric: 'Bookings', unit: 'USD', decimals: 0, monthly: 100_000, attainment: [0.86, 0.81, 0.72], chunk: 14_000, dealNames: DEALS.jamal },
      { metric: 'Discovery calls', unit: 'calls', decimals: 0, monthly: 60, attainment: [0.9, 0.85, 0.93], chunk: 3 },
    ],
    talkingPoints: ['Contoso: who replaced Dana as the champion?', 'Negotiation workshop on Thursday: still on?', 'How is his dad doing?'],
    history: [
      {
        notes:
          'Pipeline review: $48k closed of $100k with eight working days left.\nContoso ($35k) is the swing deal: the champion moved teams and there is no economic buyer yet.\nDiscovery calls: 9 this week against 15.\nCoaching: practised the "why now" question for the Contoso exec meeting.',
        items: [
          { text: "Book a meeting with Contoso's new VP of IT", owner: 'them', dueDays: 4, open: true },
          { text: 'Send Contoso the updated mutual action plan', owner: 'them', dueDays: 2 },
          { text: 'Join the Contoso exec call as executive sponsor', owner: 'me', dueDays: 9, open: true },
          { text: 'Block two 90-minute prospecting slots every week', owner: 'them', open: true },
        ],
        privateNote: 'Confidence is low. Praise the activity numbers specifically next time. Pairing with Sofia rather than a performance plan.',
      },
      {
        notes:
          "His 10 minutes: feels behind and it weighs on him. We separated what he controls (activity, deal hygiene) from what he doesn't (timing).\nMine: call reviews. His discovery calls run long on product and short on pain.\nThe future: wants to try the enterprise segment next year.",
        items: [
          { text: "Share two of Sofia's discovery call recordings", owner: 'me', dueDays: 2 },
          { text: 'Rewrite the discovery opener and try it on five calls', owner: 'them', dueDays: 7 },
          { text: "Ask RevOps for 20 more inbound leads for Jamal's territory", owner: 'me', dueDays: 5, open: true },
        ],
        privateNote: 'His dad is in hospital; he may need a few afternoons off. Told him to take them. Not for the team meeting.',
      },
      {
        notes: 'Northwind Traders lost to a competitor on price ($28k). Debrief: single-threaded, and we came in late.\nForecast: commit $62k, high risk.',
        items: [
          { text: "Win/loss interview with Northwind's operations lead", owner: 'them', dueDays: 7 },
          { text: 'A second contact on every deal over $15k', owner: 'them', open: true },
        ],
      },
      {
        notes: 'Good week: Fourth Coffee signed ($14k) after a three-week cycle. What worked: the ROI calculator. He shows it at the team meeting.',
        items: [{ text: 'Demo the ROI calculator at the team meeting', owner: 'them', dueDays: 4 }],
      },
      {
        notes: 'Month close: 81% of quota. Plan for this month: 15 discovery calls a week, two deals over $25k.',
        items: [{ text: 'List the two $25k+ deals and their next steps', owner: 'them', dueDays: 3 }],
      },
      {
        notes: 'Territory rebalance: 40 more accounts from the Midwest list. Worried about travel; agreed mostly virtual.',
        items: [{ text: 'Confirm the Midwest account list with RevOps', owner: 'me', dueDays: 5 }],
      },
      {
        notes: 'Trey Research demo feedback: too long, we lost them at minute 25. Practised a 20-minute version together.',
      },
      {
        notes: 'CRM hygiene is good. He wants more coaching on negotiation: signed him up for the workshop.',
        items: [{ text: 'Sign Jamal up for the negotiation workshop', owner: 'me', dueDays: 3 }],
      },
    ],
  },
  {
    key: 'emma',
    name: 'Emma Lindqvist',
    email: 'emma.lindqvist@example.com',
    role: 'Account Executive',
    relationship: 'direct',
    level: 'frontline',
    slot: { weekday: 3, hour: 13, minute: 30, minutes: 30 },
    organiser: 'me',
    quotas: [{ metric: 'Bookings', unit: 'USD', decimals: 0, monthly: 110_000, attainment: [1.04, 0.97, 1.02], chunk: 18_000, dealNames: DEALS.emma }],
    talkingPoints: ['Blue Yonder: termination clause answer from Diane'],
    history: [
      {
        notes: 'Blue Yonder Airlines ($85k): legal redlines are back with two open points, data residency and termination for convenience. Signature targeted for the end of the month.\nRest of the pipeline is healthy: 3.1x.',
        items: [
          { text: 'Get a decision from Diane on the termination clause', owner: 'me', dueDays: 5, open: true },
          { text: 'Send Blue Yonder the data-residency addendum', owner: 'them', dueDays: 3 },
          { text: 'Close plan for Blue Yonder with a date for every step', owner: 'them', dueDays: 10, open: true },
        ],
      },
      {
        notes: "Her 10 minutes: how I build the forecast. Walked through commit and best case.\nMine: she has been carrying the Coho Winery renewal, which belongs to Customer Success. She hands it back.",
        items: [
          { text: 'Invite Emma to the next forecast call as an observer', owner: 'me', dueDays: 5 },
          { text: 'Hand the Coho Winery renewal back to Customer Success', owner: 'them', dueDays: 3 },
        ],
      },
      {
        notes: 'Adventure Works closed ($31k). Great multi-threading: six stakeholders engaged. She presents the deal at the team meeting.',
      },
      {
        notes: 'Blue Yonder passed the security review. Pricing: hold the line at 12% discount and trade it for a two-year term.',
        items: [{ text: 'Pricing approval request for Blue Yonder (12%, two years)', owner: 'them', dueDays: 2 }],
      },
      {
        notes: 'Planning her leave next quarter (three weeks). Sofia covers her top five accounts.',
        items: [{ text: 'Coverage plan for the top five accounts', owner: 'them', dueDays: 14 }],
        privateNote: 'Leave is confidential until she tells the team herself.',
      },
      { notes: "Proseware's CFO loved the business case. Ask: turn it into a template for the team." },
      { notes: 'Month close: 104%. Celebrated. She set herself a stretch of $130k for next month.' },
      {
        notes: 'Career: wants to move to enterprise within a year. The gap: executive presence in big meetings. She leads a section of the next QBR.',
      },
    ],
  },
  {
    key: 'ravi',
    name: 'Ravi Patel',
    email: 'ravi.patel@example.com',
    role: 'Account Executive (promoted from SDR)',
    relationship: 'direct',
    level: 'frontline',
    slot: { weekday: 2, hour: 15, minute: 0, minutes: 30 },
    organiser: 'me',
    overdue: true,
    quotas: [{ metric: 'Bookings', unit: 'USD', decimals: 0, monthly: 60_000, attainment: [0.95, 1.04, 0.55], chunk: 12_000, dealNames: DEALS.ravi }],
    talkingPoints: ['Reschedule: we missed two 1:1s while he was at the Chicago onsite', 'What did he learn at the onsite?'],
    history: [
      {
        notes:
          'First month as an AE: $41k of the $60k ramp quota, mostly inherited deals.\nTailspin Toys is his first self-sourced opportunity ($18k): discovery done, demo next.\nChicago customer onsite for the next two weeks.',
        items: [
          { text: 'Send the Tailspin demo agenda to Sofia for review', owner: 'them', dueDays: 5, open: true },
          { text: 'Approve the Chicago onsite travel', owner: 'me', dueDays: 2 },
          { text: 'Write up three things learnt at the onsite', owner: 'them', dueDays: 16, open: true },
        ],
      },
      {
        notes: 'Comp: does the ramp quota change his on-target earnings? Explained the ramp plan; I get the exact figures from HR.\nPipeline: $95k, mostly early stage.',
        items: [
          { text: "Get Ravi's ramp figures from HR in writing", owner: 'me', dueDays: 5 },
          { text: 'Qualify out the four oldest opportunities', owner: 'them', dueDays: 7 },
        ],
        privateNote: 'Money is tight for him after the move. Make sure the ramp numbers reach him before payday.',
      },
      { notes: "Shadowed Sofia on the Woodgrove call. His takeaways were sharp (the executive summary up front). Practised his own demo opener." },
      {
        notes: 'Promotion to AE announced. What changes: from activity targets to revenue, from being coached on calls to owning deals end to end.',
        items: [{ text: 'Set up his AE onboarding plan with enablement (Priya)', owner: 'me', dueDays: 5 }],
      },
      {
        notes: 'SDR handover: his open leads go to Mia, the new SDR. Two shadow sessions with her.',
        items: [{ text: 'Two shadow sessions with Mia', owner: 'them', dueDays: 10 }],
      },
      { notes: 'Last month as an SDR: 142% of the meetings target. Preparing for his AE interview next week.' },
    ],
  },
  {
    key: 'hannah',
    name: 'Hannah Okoye',
    email: 'hannah.okoye@example.com',
    role: 'Sales Manager, Mid-Market (6 AEs)',
    relationship: 'direct',
    level: 'manager',
    slot: { weekday: 4, hour: 10, minute: 0, minutes: 45 },
    organiser: 'me',
    cancelled: [6],
    quotas: [
      { metric: 'Team bookings', unit: 'USD', decimals: 0, monthly: 450_000, attainment: [0.96, 1.03, 1.02], chunk: 45_000 },
      { metric: 'Pipeline created', unit: 'USD', decimals: 0, monthly: 1_350_000, attainment: [1.1, 0.94, 1.05], chunk: 90_000 },
    ],
    talkingPoints: ['Headcount for the third AE role: what Diane said', "Lucia's promotion case: timeline"],
    history: [
      {
        notes: 'Team at 58% of the month with 40% of the working days left: on pace.\nHiring: two AE offers out, one accepted (starts in three weeks).\nLucia is ready for senior AE; Hannah writes the case.',
        items: [
          { text: "Write Lucia's senior AE promotion case", owner: 'them', dueDays: 7, open: true },
          { text: 'Get headcount approval for the third AE role from Diane', owner: 'me', dueDays: 3, open: true },
          { text: '30-day onboarding plan for the new AE', owner: 'them', dueDays: 14, open: true },
        ],
      },
      {
        notes: 'Her plan for the month: $450k bookings, $1.35M pipeline created. Risk: two reps carry 60% of the number. She runs a pipeline day with the whole team.',
        items: [
          { text: 'Pipeline generation day with the whole team', owner: 'them', dueDays: 7 },
          { text: "Share the SMB team's sequence templates with Hannah", owner: 'me', dueDays: 2 },
        ],
      },
      {
        notes: 'Ben is struggling after the territory change. She prefers a coaching plan to a performance plan; I agree.\nForecast call prep: commit $410k.',
        privateNote: 'If Ben does not turn around in 60 days, Hannah will need HR support. Keep an eye on it without taking it over.',
      },
      {
        notes: 'Her growth: wants to manage managers one day. Offered her the lead on the redesign of the AE hiring loop.',
        items: [{ text: 'Draft of the new AE hiring loop', owner: 'them', dueDays: 14 }],
      },
      { notes: 'Interview loop is too slow (18 days to an offer). She cuts it to three stages.' },
      { notes: 'Month close: team at 96%. Two deals slipped by days. End-of-month discipline: commit by the 20th.' },
      { notes: 'QBR prep: her section on win rates by segment. Great data; one slide, not four.' },
      { notes: 'Tension with marketing about lead quality. She brings data to the pipeline meeting instead of escalating.' },
    ],
  },
  {
    key: 'marcus',
    name: 'Marcus Feld',
    email: 'marcus.feld@example.com',
    role: 'Sales Manager, SMB (8 AEs)',
    relationship: 'direct',
    level: 'manager',
    slot: { weekday: 5, hour: 14, minute: 0, minutes: 45 },
    organiser: 'me',
    quotas: [
      { metric: 'Team bookings', unit: 'USD', decimals: 0, monthly: 300_000, attainment: [1.03, 0.91, 0.88], chunk: 30_000 },
      { metric: 'Pipeline created', unit: 'USD', decimals: 0, monthly: 900_000, attainment: [0.97, 0.82, 0.7], chunk: 60_000 },
    ],
    talkingPoints: ['Counter-offer range for Jess'],
    history: [
      {
        notes: 'SMB team at 49% of the month; pipeline created is behind (38%). Two reps on leave.\nHe pulls the inbound trial leads forward.\nAttrition worry: Jess has an offer elsewhere.',
        items: [
          { text: 'Retention conversation with Jess: what does she need?', owner: 'them', dueDays: 2 },
          { text: 'Check with HR on a counter-offer range for Jess', owner: 'me', dueDays: 2, open: true },
          { text: 'Pipeline recovery plan: daily call blitz for two weeks', owner: 'them', dueDays: 5, open: true },
        ],
        privateNote: 'Marcus takes attrition personally. Remind him that two of his reps left for promotions, which is a good sign.',
      },
      {
        notes: 'His plan: eight reps at $37.5k each. The new pricing tiers confuse SMB buyers; he collects examples for product marketing.',
        items: [{ text: 'Five examples of pricing-tier confusion for product marketing', owner: 'them', dueDays: 7 }],
      },
      { notes: 'Delegation: he still reviews every quote. Agreed on a $10k threshold.' },
      { notes: 'Hiring: one SDR backfill. He wants to promote from within (Noah).' },
      { notes: 'Month close: 103%, the best SMB month this year.' },
      { notes: 'Forecast accuracy was off by 20% two months running. Walked through the risk deal by deal.' },
      {
        notes: 'Team morale after the comp plan change; he holds a Q&A with RevOps.',
        items: [{ text: 'Comp plan Q&A with RevOps for the SMB team', owner: 'them', dueDays: 10 }],
      },
      { notes: 'New reps ramp in three months on average; he wants two. Plan: a certification week.' },
    ],
  },
  {
    key: 'diane',
    name: 'Diane Whitaker',
    email: 'diane.whitaker@example.com',
    role: 'VP Sales (Alex’s manager)',
    relationship: 'manager',
    level: 'vp',
    slot: { weekday: 1, hour: 16, minute: 30, minutes: 30 },
    organiser: 'them',
    history: [],
  },
];

/** Priya's 1:1 has no guests: only its title says who it is with. */
export const PRIYA = {
  name: 'Priya Raman',
  role: 'Head of Sales Enablement',
  title: 'Priya <> Alex',
  slot: { weekday: 3, hour: 12, minute: 0, minutes: 30 },
} as const;

/**
 * Older 1:1s (before the hand-written ones) for reps and managers: real topics of a weekly 1:1,
 * without the specifics of the recent weeks.
 */
export const OLDER_REP_ENTRIES: readonly HistoryEntry[] = [
  { notes: 'Pipeline review: cleaned out three stale opportunities; coverage for next month is 2.8x.' },
  { notes: 'Call review: listened to a discovery call together. Strong questions, rushed next steps.', items: [{ text: 'End every call with a dated next step', owner: 'them', dueDays: 7 }] },
  { notes: 'Territory plan: top 20 accounts ranked by fit; outreach sequence agreed.' },
  { notes: 'Month close retro: what slipped and why. Close dates now come from the buyer’s process, not ours.' },
  { notes: 'Product training on the new analytics module; two customer demos planned.', items: [{ text: 'Book the analytics certification', owner: 'them', dueDays: 10 }] },
  { notes: 'Events for the quarter: the retail summit and two regional dinners.' },
];

export const OLDER_MANAGER_ENTRIES: readonly HistoryEntry[] = [
  { notes: 'Team health: one rep on leave, one ramping. Forecast call cadence moves to Thursdays.' },
  { notes: 'Hiring plan for the quarter: two AEs, one SDR. Interview panel assigned.', items: [{ text: 'Job descriptions for the two AE roles', owner: 'them', dueDays: 7 }] },
  { notes: 'Deal review of the top five deals; two need an executive sponsor.', items: [{ text: 'Find executive sponsors for the two top deals', owner: 'me', dueDays: 5 }] },
  { notes: 'Coaching the coaches: how they run their own 1:1s. Shared the 10/10/10 format.' },
  { notes: 'Quarterly goals: win rate up 3 points, sales cycle down a week.' },
  { notes: 'Skip-level feedback themes: more clarity on territories, fewer internal reports.' },
];

/** What the demo types into the sidebar of today's 1:1 (screenshot mode), as a manager would during it. */
export const TODAY_NOTES = {
  shared: 'Contoso: meeting with the new VP of IT booked for Thursday.\nDiscovery calls: 12 this week, up from 9.\nAgreed: I join the exec call, Jamal owns the agenda.',
  private: 'Much more upbeat than last week. Put the praise for the activity trend in writing.',
} as const;

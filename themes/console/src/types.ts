// The shapes of the REST API's answers that the console reads (docs/api.md). Only the fields it uses are named;
// the server may send more.

export type PartnerStatus = 'ACTIVE' | 'SUSPENDED' | 'OFFBOARDED';

export interface Partner {
  id: string;
  name: string;
  domains?: string[];
  tier: string;
  region: string;
  status: PartnerStatus;
  businessOwner?: string | null;
  businessUnits?: string[];
  idp?: string | null;
  enforceIdp?: boolean;
  memberCount?: number;
}

export interface Member {
  userId: string;
  username: string;
  email?: string | null;
  businessUnit?: string | null;
}

export interface Grant {
  id: string;
  requestId?: string;
  user: string;
  username?: string;
  partner: string;
  role: string;
  client?: string | null;
  grantedAt: string;
  expiresAt: string;
  status: string;
  revokedReason?: string | null;
  exception?: boolean;
}

export interface Approver {
  username: string;
}

export interface Stage {
  stage: string;
  status: string;
  decidedBy?: string | null;
  decidedByUsername?: string | null;
  decidedAt?: string | null;
  justification?: string | null;
  onBehalfOf?: string | null;
  escalated?: boolean;
  approvers?: Approver[];
}

export interface AccessRequest {
  id: string;
  type: string;
  user: string;
  username?: string;
  partner: string;
  partnerName?: string;
  partnerTier?: string;
  partnerRegion?: string;
  role: string;
  client?: string | null;
  businessPurpose: string;
  days: number;
  status: string;
  policyVersion: number;
  stages: Stage[];
  grantId?: string | null;
  createdAt: string;
  createdBy: string;
  createdByUsername?: string;
  answers?: Record<string, string>;
  exception?: boolean;
  exceptionReason?: string;
}

export interface Question {
  id: string;
  text: Record<string, string>;
  required: boolean;
  maxLength: number;
}

export interface Programme {
  role: string;
  client?: string | null;
  /** The role's description in Keycloak, when it has one: the programme's name for people. */
  description?: string | null;
  stages: string[];
  maxDays: number;
  questions?: Question[];
  exceptionMaxDays?: number;
  exceptionStages?: string[];
  exceptionOnly?: boolean;
}

export interface Me {
  user: { id: string; username: string; email?: string | null; businessUnit?: string | null };
  partner: { id: string; name: string; tier: string; region: string; status: string } | null;
  grants: Grant[];
  requests: AccessRequest[];
  programmes?: Programme[];
}

export interface EvidenceRecord {
  seq: number;
  time: string;
  type: string;
  actor: string;
  subject: string;
  partner?: string | null;
  details?: Record<string, unknown> | null;
}

export interface Verification {
  valid: boolean;
  records: number;
  firstBrokenSeq?: number | null;
}

export interface PolicyTier {
  name: string;
  rank?: number;
}

export interface ContentKind {
  name: string;
  stages?: string[];
  maxReleaseDays: number;
}

export interface PolicyDocument {
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
  tiers?: PolicyTier[];
  content?: { kinds?: ContentKind[] };
  [key: string]: unknown;
}

export interface Recommendation {
  decision?: 'keep' | 'revoke' | null;
  reason?: string | null;
}

export interface Review {
  id: string;
  name?: string;
  status?: string;
  scope?: Record<string, unknown>;
  reviewer?: string;
  reviewerUsername?: string;
  defaultDecision?: string;
  dueAt?: string;
  items?: { total: number; decided: number; kept: number; revoked: number };
}

export interface ReviewItem {
  id: string;
  user: string;
  username?: string;
  partner: string;
  role: string;
  client?: string | null;
  expiresAt: string;
  recommendation?: Recommendation | null;
  decision?: string | null;
  defaulted?: boolean;
  decidedAt?: string | null;
  justification?: string | null;
}

export interface ContentPackage {
  id: string;
  name: string;
  kind: string;
  client: string;
  uri?: string | null;
  minTier: string;
  regions: string[];
  status: string;
  days?: number;
  releasedAt?: string | null;
  expiresAt?: string | null;
  endedAt?: string | null;
  endReason?: string | null;
  requestId?: string | null;
}

export interface Delegation {
  to: string;
  toUsername?: string;
  until: string;
}

export interface KeycloakUser {
  id: string;
  username: string;
  email?: string;
}

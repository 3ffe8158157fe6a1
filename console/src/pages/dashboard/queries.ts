// The dashboard's GraphQL documents. Codegen needs each one as a plain template literal, so the
// weekly figures are one static document with a fixed number of aliased slaReport fields (WEEKS in
// period.ts) taking one pair of dates each: a single request instead of one per week.

import { graphql } from '../../gql';

export const REPORT = graphql(`
  query DashboardReport($regionCode: String!, $from: Date!, $to: Date!) {
    slaReport(regionCode: $regionCode, from: $from, to: $to) {
      regionCode
      from
      to
      casesOpened
      casesClosed
      casesClosedOnTime
      rows {
        department
        opened
        resolved
        resolvedOnTime
        openOverdue
        openAtRisk
        medianWorkingDays
        acknowledged
        acknowledgedOnTime
        medianWorkingDaysToAcknowledge
        openAcknowledgementOverdue
      }
      townships {
        townshipCode
        townshipName
        opened
        closed
        openOverdue
        openAtRisk
      }
    }
  }
`);

export const WEEKLY = graphql(`
  query DashboardWeekly(
    $regionCode: String!
    $w1from: Date!
    $w1to: Date!
    $w2from: Date!
    $w2to: Date!
    $w3from: Date!
    $w3to: Date!
    $w4from: Date!
    $w4to: Date!
    $w5from: Date!
    $w5to: Date!
    $w6from: Date!
    $w6to: Date!
    $w7from: Date!
    $w7to: Date!
    $w8from: Date!
    $w8to: Date!
    $w9from: Date!
    $w9to: Date!
    $w10from: Date!
    $w10to: Date!
    $w11from: Date!
    $w11to: Date!
    $w12from: Date!
    $w12to: Date!
  ) {
    w1: slaReport(regionCode: $regionCode, from: $w1from, to: $w1to) { from to casesOpened casesClosed casesClosedOnTime }
    w2: slaReport(regionCode: $regionCode, from: $w2from, to: $w2to) { from to casesOpened casesClosed casesClosedOnTime }
    w3: slaReport(regionCode: $regionCode, from: $w3from, to: $w3to) { from to casesOpened casesClosed casesClosedOnTime }
    w4: slaReport(regionCode: $regionCode, from: $w4from, to: $w4to) { from to casesOpened casesClosed casesClosedOnTime }
    w5: slaReport(regionCode: $regionCode, from: $w5from, to: $w5to) { from to casesOpened casesClosed casesClosedOnTime }
    w6: slaReport(regionCode: $regionCode, from: $w6from, to: $w6to) { from to casesOpened casesClosed casesClosedOnTime }
    w7: slaReport(regionCode: $regionCode, from: $w7from, to: $w7to) { from to casesOpened casesClosed casesClosedOnTime }
    w8: slaReport(regionCode: $regionCode, from: $w8from, to: $w8to) { from to casesOpened casesClosed casesClosedOnTime }
    w9: slaReport(regionCode: $regionCode, from: $w9from, to: $w9to) { from to casesOpened casesClosed casesClosedOnTime }
    w10: slaReport(regionCode: $regionCode, from: $w10from, to: $w10to) { from to casesOpened casesClosed casesClosedOnTime }
    w11: slaReport(regionCode: $regionCode, from: $w11from, to: $w11to) { from to casesOpened casesClosed casesClosedOnTime }
    w12: slaReport(regionCode: $regionCode, from: $w12from, to: $w12to) { from to casesOpened casesClosed casesClosedOnTime }
  }
`);

/** The aliases of WEEKLY, oldest week first. */
export const WEEK_KEYS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10', 'w11', 'w12'] as const;

export const AT_RISK_CASES = graphql(`
  query DashboardAtRiskCases($regionCode: String!) {
    cases(filter: { regionCode: $regionCode, status: [OPEN], slaState: [OVERDUE, AT_RISK] }, first: 50) {
      totalCount
      edges {
        node {
          id
          caseNo
          townshipCode
          townshipName
          applicant {
            id
            name
            idNumber
          }
          sla {
            state
            dueDate
            workingDaysLeft
          }
        }
      }
    }
  }
`);

export const REGISTER = graphql(`
  query DashboardRegister($regionCode: String!, $from: Date!, $to: Date!) {
    registerFigures(regionCode: $regionCode, from: $from, to: $to) {
      byTier {
        tier
        households
        people
      }
      byTownship {
        townshipCode
        townshipName
        households
        people
        byTier {
          tier
          households
        }
      }
      reviews {
        onTrack
        atRisk
        overdue
        doneOnTime
        doneLate
      }
    }
  }
`);

export enum AcceptanceMode {
  STANDARD = 'STANDARD', // all materials present
  TOLERANT = 'TOLERANT', // 容缺受理: accepted with missing materials, to be supplied later
  EMERGENCY = 'EMERGENCY', // 急难绿色通道: assist first (先行救助), paperwork afterwards
}

export enum IntakeChannel {
  WINDOW = 'WINDOW',
  ONLINE = 'ONLINE',
  HOTLINE = 'HOTLINE',
  PROACTIVE_DISCOVERY = 'PROACTIVE_DISCOVERY', // 主动发现
}

export enum Relation {
  SELF = 'SELF',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  GRANDPARENT = 'GRANDPARENT',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}

export enum SchoolStage {
  PRESCHOOL = 'PRESCHOOL',
  PRIMARY = 'PRIMARY',
  JUNIOR_SECONDARY = 'JUNIOR_SECONDARY',
  SENIOR_SECONDARY = 'SENIOR_SECONDARY',
  VOCATIONAL = 'VOCATIONAL',
  UNDERGRADUATE = 'UNDERGRADUATE',
  POSTGRADUATE = 'POSTGRADUATE',
}

// Where an import stands, and what each of its rows would do to the register.

export enum ImportStatus {
  VALIDATING = 'VALIDATING', // the file is being read and every row checked
  PREVIEW = 'PREVIEW', // checked: waiting for a second person's approval (or a cancellation)
  APPROVED = 'APPROVED', // approved: committing in chunks (a process holds the lease)
  COMMITTED = 'COMMITTED', // every CREATE and UPDATE household is in the register
  CANCELLED = 'CANCELLED', // cancelled before approval: nothing was written to the register
  FAILED = 'FAILED', // the file could not be read at all (not a CSV/XLSX, no template headers)
}

export enum RowOutcome {
  CREATE = 'CREATE', // a household new to the register
  UPDATE = 'UPDATE', // the household is in the register: its members or its tier change
  UNCHANGED = 'UNCHANGED', // the register already says exactly this
  CONFLICT = 'CONFLICT', // a member is already in another household of the register, or the tier predates the current one
  REFUSED = 'REFUSED', // the row (or another row of its household) is invalid
}

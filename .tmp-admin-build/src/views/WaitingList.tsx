export function WaitingList() { return null; }

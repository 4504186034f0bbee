// Resource locator values as the editor stores them, for test workflows.
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byUpn = (value: string) => ({ __rl: true, mode: 'userPrincipalName', value });
export const byList = (value: string) => ({ __rl: true, mode: 'list', value });

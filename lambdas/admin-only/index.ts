// Placeholder until the real handler lands.
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 503, body: '{"error":"not implemented"}' });

import { describe, expect, it } from 'vitest';
import { Api } from './client';

describe('Api.uploadMedia', () => {
  it('sends the purpose before the file, so media-service can store the file while it arrives', async () => {
    let sent: FormData | undefined;
    const api = new Api(async (_input, init) => {
      sent = init?.body as FormData;
      return new Response(JSON.stringify({ id: 'm1', url: '/api/media/m1', thumbnailUrl: null }), { status: 201 });
    });

    await api.uploadMedia(new File(['%PDF-1.4'], 'cv.pdf', { type: 'application/pdf' }), 'attachment');

    expect([...sent!.keys()]).toEqual(['purpose', 'file']);
    expect(sent!.get('purpose')).toBe('attachment');
  });
});

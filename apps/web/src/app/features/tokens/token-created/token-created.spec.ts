import { TestBed } from '@angular/core/testing';
import { tokenFixture } from '../../../testing/fixtures';
import { TokenCreated } from './token-created';
import { find, button } from '../../../testing/dom';

describe('TokenCreated', () => {
  async function render() {
    const fixture = TestBed.createComponent(TokenCreated);
    fixture.componentRef.setInput('token', { ...tokenFixture({ name: 'ci' }), token: 'dqw_s3cret' });
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the secret once with a warning that it will not be shown again', async () => {
    const { el } = await render();
    expect(find<HTMLInputElement>(el, '#token-secret').value).toBe('dqw_s3cret');
    expect(el.textContent).toContain('This is the only time the token is shown');
  });

  it('copies the secret to the clipboard and confirms it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const { fixture, el } = await render();
    button(el, 'Copy').click();
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '[role="status"]').textContent).toContain('Copied to the clipboard.');
    });
    expect(writeText).toHaveBeenCalledWith('dqw_s3cret');
  });

  it('falls back to selecting the text when the clipboard is blocked', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) },
    });
    const { fixture, el } = await render();
    button(el, 'Copy').click();
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(find(el, '[role="status"]').textContent).toContain('press Ctrl+C');
    });
  });
});

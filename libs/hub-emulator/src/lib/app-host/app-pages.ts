import type { SpaceStage } from '../hub/stages';
import type { SpaceRecord } from '../state/space-record';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function page(title: string, text: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>\n`;
}

/** The app's own page while it serves, unless the scenario or control gave a body. */
export function appPage(space: SpaceRecord): string {
  return page(space.def.cardData.title ?? space.name, `${space.id} is running.`);
}

/** Unknown Space, or a private one the caller may not see: the same page, so existence does not leak. */
export function notFoundPage(): string {
  return page('404', 'Sorry, we can’t find the page you are looking for.');
}

/** What stands in for the app while it does not serve (wording and status are inferred). */
export function notServingPage(space: SpaceRecord, stage: SpaceStage): string {
  switch (stage) {
    case 'SLEEPING':
    case 'STOPPED':
      return page(space.id, 'This Space is waking up. Come back in a moment.');
    case 'PAUSED':
      return page(space.id, 'This Space has been paused by its owner.');
    default:
      return page(space.id, `This Space is not running (${stage}).`);
  }
}

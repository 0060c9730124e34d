import type { Schemas } from '../../api.js';

/** The flag's details as its edit form holds them. */
export interface FlagForm {
  type: Schemas['Flag']['type'];
  description: string;
  /** Comma-separated. */
  tags: string;
  owner: string;
  temporary: boolean;
  clientSide: boolean;
}

/** A flag's details as the form's starting point. */
export function flagFormOf(flag: Schemas['Flag']): FlagForm {
  return {
    type: flag.type,
    description: flag.description,
    tags: flag.tags.join(', '),
    owner: flag.owner,
    temporary: flag.temporary,
    clientSide: flag.clientSide,
  };
}

/**
 * Tags typed as `web, checkout`: trimmed, blanks and repeats dropped.
 *
 * @example
 * tagsOf(' web,, checkout, web'); // ['web', 'checkout']
 */
export function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/**
 * Only the fields the person changed: the type and client-side change the flag in every
 * environment, which a protected one refuses to editors, so an edit of the description alone
 * must not send them.
 *
 * @example
 * flagPatch(flag, { ...flagFormOf(flag), owner: 'payments' }); // { owner: 'payments' }
 */
export function flagPatch(flag: Schemas['Flag'], form: FlagForm): Schemas['UpdateFlag'] {
  const tags = tagsOf(form.tags);
  return {
    ...(form.type === flag.type ? {} : { type: form.type }),
    ...(form.description === flag.description ? {} : { description: form.description }),
    ...(tags.join('\n') === flag.tags.join('\n') ? {} : { tags }),
    ...(form.owner.trim() === flag.owner ? {} : { owner: form.owner.trim() }),
    ...(form.temporary === flag.temporary ? {} : { temporary: form.temporary }),
    ...(form.clientSide === flag.clientSide ? {} : { clientSide: form.clientSide }),
  };
}

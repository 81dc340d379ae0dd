/**
 * Project settings that are not the reader's: set once, here.
 *
 * REPOSITORY_URL and MAINTAINERS_EMAIL are where "Send to maintainers" points
 * (a prefilled new issue, or an email draft). Nothing is sent without the
 * reader's click: the extension only opens the link.
 */

/** The project's public repository, without a trailing slash. */
export const REPOSITORY_URL = 'https://github.com/probation-jargon/probation-jargon';

/** Where an emailed suggestion goes. */
export const MAINTAINERS_EMAIL = 'glossary@probation-jargon.example.org';

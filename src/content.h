/*
 * content.h -- turning imported WordPress content into the HTML Folio
 * stores and shows raw: Gutenberg block comments removed, shortcodes
 * rendered or dropped, WordPress's automatic paragraphs, and last an
 * allowlist sanitizer built on a real HTML5 parser (gumbo). Only the
 * sanitizer's output is safe to emit unescaped.
 */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>

#include "folio.h"

/*
 * Where [gallery] finds its images: the importer answers from the
 * export's attachments. Strings returned must live until the pipeline
 * call returns.
 */
struct content_media {
	/* Attachment "id": its URL (NULL if unknown) and title. */
	const char	*(*find)(void *arg, long long id, const char **title);
	/* The attachments of the item itself, in order: at most n ids. */
	size_t		 (*attached)(void *arg, long long *ids, size_t n);
	void		*arg;
};

/*
 * The whole pipeline for a post or page body from a WXR file: block
 * comments, shortcodes, autop (only for classic content: WordPress does
 * not autop block content either), sanitize. Appends to "out". With
 * "media" NULL, galleries are dropped.
 */
void	 content_from_wordpress(struct buf *out, const char *in, size_t len,
	    const struct content_media *media);

/* Remove Gutenberg's <!-- wp:name {...} --> and <!-- /wp:name --> marks. */
void	 content_strip_blocks(struct buf *out, const char *in, size_t len);

/*
 * Shortcodes (shortcode.c): [caption] (and [wp_caption]) becomes a
 * <figure> with a <figcaption>; [embed]URL[/embed], [audio] and [video]
 * a link to their URL; [gallery] a list of its images (from "media";
 * none when NULL); [[x]] the literal text [x]; any other [name ...] tag
 * is dropped, keeping what an enclosing one encloses. The output still
 * needs sanitizing.
 */
void	 content_shortcodes(struct buf *out, const char *in, size_t len,
	    const struct content_media *media);

/*
 * WordPress's wpautop (autop.c): text separated by blank lines becomes
 * paragraphs, single newlines <br />; block-level elements are left
 * alone and <pre>, <script>, <style> and <textarea> are copied verbatim.
 */
void	 content_autop(struct buf *out, const char *in, size_t len);

/*
 * The allowlist sanitizer (sanitize.c): parse as HTML5 and write back
 * only allowed elements and attributes. script, style, iframe, object,
 * forms and their kin go with their content; other unknown elements are
 * replaced by their content; event handlers, style and any attribute
 * not on the list are dropped, as are URLs whose scheme is not http,
 * https or mailto (tel too for links). Comments are dropped.
 */
void	 sanitize_html(struct buf *out, const char *in, size_t len);

/*
 * The plain text of an HTML fragment: entities decoded, tags removed,
 * runs of white space one space, trimmed. For titles and excerpts.
 */
void	 sanitize_text(struct buf *out, const char *in, size_t len);

/*
 * 1 if an attribute value is a URL a visitor may follow (href) or load
 * (src, when "load" is set): relative, or http/https (mailto and tel
 * only when not loaded).
 */
int	 sanitize_url_ok(const char *url, int load);

#endif /* CONTENT_H */

/* yc-document-layout.c: a document's pages, with pango on cairo
 *
 * One layout serves the PDF the core writes and the pages
 * GtkPrintOperation prints: it is laid out once for a page size, broken
 * over pages at line boundaries, and each page is drawn on whatever cairo
 * context the caller has, in points. Every page carries the office's name,
 * the title, the case number (both numbers once the official one is
 * known) and its QR code, the copy marks, and "page N of M"; the last
 * page of each copy carries the signatures, the office, the date and the
 * seal area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <cairo-pdf.h>

#include "yc-document-private.h"
#include "yc-event.h"

#define FONT_FAMILY  "Noto Serif CJK SC"
#define MARGIN       56.0   /* about 20 mm on A4; less on a small page */
#define QR_SIZE      72.0
#define SEAL_SIZE    110.0
#define SIGN_WIDTH   200.0
#define SIGN_HEIGHT  64.0
#define FOOTER       28.0
#define GAP          6.0

typedef struct
{
  PangoLayout *layout;
  double       x;           /* from the left margin */
  double       before;      /* space above */
} Block;

/* a run of a block's lines on a page */
typedef struct
{
  guint  block;
  int    first;
  int    last;              /* exclusive */
  double y;                 /* where the first line's top goes */
} Piece;

struct _YcDocumentLayout
{
  YcDocument      *doc;
  PangoContext    *context;
  double           width;
  double           height;
  double           margin;
  double           sign_width;  /* the boxes side by side fit a small page */
  GPtrArray       *blocks;      /* Block */
  GArray          *pieces;      /* Piece, in order */
  GArray          *page_start;  /* guint: the first piece of each page of one copy */
  guint            pages;       /* of one copy */
  guint            copies;
  double           body_top;
  double           closing_y;   /* on the copy's last page */
  PangoLayout     *office;
  PangoLayout     *title;
  PangoLayout     *numbers;
  PangoLayout     *copy_mark;
  PangoLayout     *footer;
  PangoLayout     *closing;
  PangoLayout     *seal_hint;
  GPtrArray       *copy_labels; /* PangoLayout, one a copy, or empty */
  GPtrArray       *signer_labels;
  GPtrArray       *signers;
  cairo_surface_t *seal;
};

static PangoLayout *
new_text (YcDocumentLayout *self,
          const char       *text,
          double            size,
          gboolean          bold,
          double            width,
          PangoAlignment    align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
block_free (Block *block)
{
  g_object_unref (block->layout);
  g_free (block);
}

static void
add_block (YcDocumentLayout *self,
           const char       *text,
           double            size,
           gboolean          bold,
           double            x,
           double            before)
{
  Block *block = g_new0 (Block, 1);
  double width = self->width - 2 * self->margin - x;

  block->layout = new_text (self, text, size, bold, width, PANGO_ALIGN_LEFT);
  block->x = x;
  block->before = before;
  g_ptr_array_add (self->blocks, block);
}

static void
add_blocks (YcDocumentLayout *self,
            JsonArray        *blocks)
{
  for (guint i = 0; blocks != NULL && i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *lines;

      if (o == NULL)
        continue;
      if (yc_json_get_string (o, "h"))
        add_block (self, yc_json_get_string (o, "h"), 12.5, TRUE, 0, 10);
      else if (yc_json_get_string (o, "p"))
        add_block (self, yc_json_get_string (o, "p"), 11, FALSE, 0, GAP);
      else if (yc_json_get_string (o, "k"))
        {
          g_autofree char *text = g_strdup_printf (_("%s: %s"), yc_json_get_string (o, "k"),
                                                   yc_json_get_string (o, "v") ? yc_json_get_string (o, "v") : "");
          add_block (self, text, 11, FALSE, 0, GAP / 2);
        }
      else if ((lines = yc_json_get_array (o, "li")) != NULL)
        for (guint j = 0; j < json_array_get_length (lines); j++)
          {
            g_autofree char *text = g_strdup_printf ("%u. %s", j + 1,
                                                     yc_json_get_string_element (lines, j)
                                                     ? yc_json_get_string_element (lines, j) : "");
            add_block (self, text, 11, FALSE, 12, GAP / 2);
          }
    }
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* the signatures and the office's closing: how tall, on the last page */
static double
closing_height (YcDocumentLayout *self)
{
  double signs = self->signers->len > 0 ? 18 + SIGN_HEIGHT + 16 : 0;

  return signs + MAX (SEAL_SIZE, layout_height (self->closing)) + 16;
}

static void
next_page (YcDocumentLayout *self,
           double           *y)
{
  *y = self->body_top;
  self->pages++;
  g_array_append_val (self->page_start, self->pieces->len);
}

/* Breaks the blocks over pages at line boundaries; the closing goes after
 * the last line, on a page of its own when it does not fit. */
static void
paginate (YcDocumentLayout *self)
{
  double bottom = self->height - self->margin - FOOTER;
  double y = self->body_top;
  guint zero = 0;

  g_array_append_val (self->page_start, zero);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      int n = pango_layout_get_line_count (block->layout);
      g_autofree double *tops = g_new (double, n);
      g_autofree double *ends = g_new (double, n);
      PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
      int first = 0;

      for (int line = 0; line < n; line++, pango_layout_iter_next_line (iter))
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          tops[line] = (double) logical.y / PANGO_SCALE;
          ends[line] = (double) (logical.y + logical.height) / PANGO_SCALE;
        }
      pango_layout_iter_free (iter);

      y += block->before;
      while (first < n)
        {
          Piece piece = { i, first, first, y };

          while (piece.last < n && y + (ends[piece.last] - tops[first]) <= bottom)
            piece.last++;
          if (piece.last == first)
            {
              /* nothing more fits here; a line taller than a page goes anyway */
              if (y > self->body_top)
                {
                  next_page (self, &y);
                  continue;
                }
              piece.last = first + 1;
            }
          g_array_append_val (self->pieces, piece);
          y += ends[piece.last - 1] - tops[first];
          first = piece.last;
          if (first < n)
            next_page (self, &y);
        }
    }
  y += 16;
  if (y + closing_height (self) > bottom)
    next_page (self, &y);
  self->closing_y = y;
  self->pages++;
}

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  GInputStream *in = closure;
  gsize read = 0;

  if (!g_input_stream_read_all (in, data, length, &read, NULL, NULL) || read != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* a seal that does not decode leaves the space to stamp, as none would */
static cairo_surface_t *
load_seal (GBytes *png)
{
  g_autoptr(GInputStream) in = NULL;
  cairo_surface_t *surface;

  if (png == NULL)
    return NULL;
  in = g_memory_input_stream_new_from_bytes (png);
  surface = cairo_image_surface_create_from_png_stream (read_bytes, in);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static char *
describe_numbers (YcDocument *doc)
{
  if (yc_document_get_official_no (doc) != NULL)
    return g_strdup_printf (_("Case number: %s    Local number: %s"), yc_document_get_official_no (doc),
                            yc_document_get_case_id (doc));
  return g_strdup_printf (_("Case number: %s"), yc_document_get_case_id (doc));
}

/**
 * yc_document_layout_new:
 * @page_width_pt: the page's width, in points (595.3 for A4)
 * @context: (nullable): the context to lay out with, such as a print
 *   context's; a context of the thread's default font map at 72 dpi when
 *   %NULL, so that one unit is one point
 *
 * Returns: (transfer full): the document laid out on pages of that size
 */
YcDocumentLayout *
yc_document_layout_new (YcDocument   *doc,
                        double        page_width_pt,
                        double        page_height_pt,
                        PangoContext *context)
{
  YcDocumentLayout *self;
  JsonObject *content;
  JsonObject *office;
  g_autofree char *numbers = NULL;
  g_autofree char *closing = NULL;
  double inner;

  g_return_val_if_fail (YC_IS_DOCUMENT (doc), NULL);
  g_return_val_if_fail (page_width_pt >= 200 && page_height_pt >= 280, NULL);

  self = g_new0 (YcDocumentLayout, 1);
  self->doc = g_object_ref (doc);
  self->width = page_width_pt;
  self->height = page_height_pt;
  self->margin = MIN (MARGIN, page_width_pt * 0.08);
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->context, 72);
      /* the PDF scales: metrics hinted for a screen would shift the lines */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
    }
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->page_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->copy_labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->signer_labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->signers = yc_document_get_signers (doc);
  self->sign_width = MIN (SIGN_WIDTH, (page_width_pt - 2 * self->margin - 24 * (MAX (self->signers->len, 1) - 1)) /
                                      MAX (self->signers->len, 1));

  content = yc_document_get_content (doc);
  office = yc_json_get_object (content, "office");
  inner = page_width_pt - 2 * self->margin;
  self->office = new_text (self, yc_json_get_string (office, "name"), 12, FALSE, inner - QR_SIZE - 8,
                           PANGO_ALIGN_LEFT);
  /* a smaller page, a smaller title: the body keeps its size */
  self->title = new_text (self, yc_json_get_string (content, "title"),
                          MAX (12, 19 * MIN (1, page_width_pt / YC_DOCUMENT_A4_WIDTH)), TRUE, inner - QR_SIZE - 8,
                          PANGO_ALIGN_CENTER);
  numbers = describe_numbers (doc);
  self->numbers = new_text (self, numbers, 10, FALSE, inner - QR_SIZE - 8, PANGO_ALIGN_LEFT);
  self->copy_mark = new_text (self, _("COPY 副本"), 13, TRUE, -1, PANGO_ALIGN_LEFT);
  self->footer = new_text (self, "", 9, FALSE, inner, PANGO_ALIGN_CENTER);
  closing = g_strdup_printf ("%s\n%s", yc_json_get_string (office, "name") ? yc_json_get_string (office, "name") : "",
                             yc_json_get_string (content, "date") ? yc_json_get_string (content, "date") : "");
  self->closing = new_text (self, closing, 11.5, FALSE, inner - SEAL_SIZE - 12, PANGO_ALIGN_RIGHT);
  self->seal_hint = new_text (self, _("(seal)"), 9, FALSE, SEAL_SIZE, PANGO_ALIGN_CENTER);
  for (guint i = 0; i < self->signers->len; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Signature of the %s:"),
                                                yc_document_signer_label (g_ptr_array_index (self->signers, i)));
      g_ptr_array_add (self->signer_labels, new_text (self, label, 10, FALSE, self->sign_width, PANGO_ALIGN_LEFT));
    }
  if (yc_document_get_kind (doc) == YC_DOCUMENT_NOTICE_RONGQUE)
    {
      /* 一式两联: the applicant takes one, the office files the other */
      g_ptr_array_add (self->copy_labels, new_text (self, _("Applicant’s copy 申请人联"), 11, TRUE, -1, PANGO_ALIGN_LEFT));
      g_ptr_array_add (self->copy_labels, new_text (self, _("Office’s copy 存档联"), 11, TRUE, -1, PANGO_ALIGN_LEFT));
    }
  self->copies = MAX (1, self->copy_labels->len);
  self->seal = load_seal (doc->seal);
  self->body_top = self->margin + MAX (QR_SIZE, layout_height (self->office) + layout_height (self->title) + 8) + 4 +
                   layout_height (self->numbers) + 12;

  add_blocks (self, yc_json_get_array (content, "blocks"));
  paginate (self);
  return self;
}

guint
yc_document_layout_get_n_pages (YcDocumentLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages * self->copies;
}

/**
 * yc_qr_draw:
 * @size: the symbol's side with its quiet zone, in the context's units
 *
 * Draws @text as a QR code (level M, libqrencode) in dark modules on a
 * white square, the four-module quiet zone included.
 *
 * Returns: whether @text could be encoded
 */
gboolean
yc_qr_draw (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size)
{
  QRcode *code;
  double module;

  g_return_val_if_fail (cr != NULL && text != NULL, FALSE);

  if ((code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M)) == NULL)
    return FALSE;
  module = size / (code->width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int col = 0; col < code->width; col++)
      if (code->data[row * code->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  /* the next path starts where it says, not from the text's point */
  cairo_new_path (cr);
}

static void
draw_piece (YcDocumentLayout *self,
            cairo_t          *cr,
            const Piece      *piece)
{
  Block *block = g_ptr_array_index (self->blocks, piece->block);
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
  double origin = 0;
  int line = 0;

  do
    {
      PangoRectangle logical;
      int baseline;

      if (line < piece->first)
        continue;
      if (line >= piece->last)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      if (line == piece->first)
        origin = (double) logical.y / PANGO_SCALE;
      cairo_move_to (cr, self->margin + block->x + (double) logical.x / PANGO_SCALE,
                     piece->y + (double) baseline / PANGO_SCALE - origin);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (++line, pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_strokes (cairo_t   *cr,
              JsonArray *strokes,
              double     x,
              double     y,
              double     w,
              double     h)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.25);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; strokes != NULL && i < json_array_get_length (strokes); i++)
    {
      JsonNode *node = json_array_get_element (strokes, i);
      JsonArray *points = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      double px = 0, py = 0;

      for (guint j = 0; points != NULL && j < json_array_get_length (points); j++)
        {
          JsonNode *pn = json_array_get_element (points, j);
          JsonArray *p = JSON_NODE_HOLDS_ARRAY (pn) ? json_node_get_array (pn) : NULL;
          double qx, qy, pressure = 0.5;

          if (p == NULL || json_array_get_length (p) < 2)
            continue;
          qx = x + CLAMP (json_array_get_double_element (p, 0), 0, 1) * w;
          qy = y + CLAMP (json_array_get_double_element (p, 1), 0, 1) * h;
          if (json_array_get_length (p) > 2)
            pressure = CLAMP (json_array_get_double_element (p, 2), 0, 1);
          if (j == 0)
            {
              px = qx;
              py = qy;
            }
          /* a segment at a time: the pen's pressure is its width */
          cairo_set_line_width (cr, 0.6 + 1.6 * pressure);
          cairo_move_to (cr, px, py);
          cairo_line_to (cr, qx, qy);
          cairo_stroke (cr);
          px = qx;
          py = qy;
        }
    }
  cairo_restore (cr);
}

static void
draw_closing (YcDocumentLayout *self,
              cairo_t          *cr)
{
  double y = self->closing_y;
  double seal_x = self->width - self->margin - SEAL_SIZE;
  double seal_y;

  for (guint i = 0; i < self->signers->len; i++)
    {
      double x = self->margin + i * (self->sign_width + 24);
      JsonArray *strokes = yc_document_get_signature (self->doc, g_ptr_array_index (self->signers, i));

      show (cr, g_ptr_array_index (self->signer_labels, i), x, y);
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, x, y + 18 + SIGN_HEIGHT);
      cairo_line_to (cr, x + self->sign_width, y + 18 + SIGN_HEIGHT);
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_strokes (cr, strokes, x, y + 18, self->sign_width, SIGN_HEIGHT);
    }
  if (self->signers->len > 0)
    y += 18 + SIGN_HEIGHT + 16;

  seal_y = y;
  show (cr, self->closing, self->margin, seal_y + SEAL_SIZE / 2 - layout_height (self->closing) / 2);
  if (self->seal != NULL)
    {
      double scale = SEAL_SIZE / MAX (cairo_image_surface_get_width (self->seal),
                                      cairo_image_surface_get_height (self->seal));

      cairo_save (cr);
      cairo_translate (cr, seal_x, seal_y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->seal, 0, 0);
      cairo_paint_with_alpha (cr, 0.9);
      cairo_restore (cr);
    }
  else
    {
      /* the space the office stamps by hand */
      static const double dash[] = { 3, 3 };

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.6);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_new_path (cr);
      cairo_arc (cr, seal_x + SEAL_SIZE / 2, seal_y + SEAL_SIZE / 2, SEAL_SIZE / 2 - 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_restore (cr);
      show (cr, self->seal_hint, seal_x, seal_y + SEAL_SIZE / 2 - layout_height (self->seal_hint) / 2);
    }
}

/**
 * yc_document_layout_draw_page:
 * @cr: a context in points, its origin the page's top left corner
 * @page: from 0 to yc_document_layout_get_n_pages() - 1
 */
void
yc_document_layout_draw_page (YcDocumentLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  guint copy, at, start, end;
  g_autofree char *footer = NULL;
  double y;

  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < yc_document_layout_get_n_pages (self));

  copy = page / self->pages;
  at = page % self->pages;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* the head: office, title, numbers, copy marks; the QR on the right */
  y = self->margin;
  show (cr, self->office, self->margin, y);
  y += layout_height (self->office) + 4;
  show (cr, self->title, self->margin, y);
  y = MAX (y + layout_height (self->title) + 4, self->margin + QR_SIZE + 4) ;
  show (cr, self->numbers, self->margin, y);
  yc_qr_draw (cr, yc_document_get_case_number (self->doc), self->width - self->margin - QR_SIZE, self->margin - 8, QR_SIZE);
  if (copy < self->copy_labels->len)
    show (cr, g_ptr_array_index (self->copy_labels, copy), self->margin, self->margin - 22);
  if (yc_document_is_copy (self->doc))
    {
      PangoRectangle ink;

      pango_layout_get_pixel_extents (self->copy_mark, NULL, &ink);
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
      cairo_set_line_width (cr, 1.2);
      cairo_rectangle (cr, self->width - self->margin - QR_SIZE - ink.width - 22, self->margin - 26, ink.width + 10,
                       ink.height + 6);
      cairo_stroke (cr);
      show (cr, self->copy_mark, self->width - self->margin - QR_SIZE - ink.width - 17, self->margin - 23);
      cairo_restore (cr);
    }

  start = g_array_index (self->page_start, guint, at);
  end = at + 1 < self->page_start->len ? g_array_index (self->page_start, guint, at + 1) : self->pieces->len;
  for (guint i = start; i < end; i++)
    draw_piece (self, cr, &g_array_index (self->pieces, Piece, i));
  if (at == self->pages - 1)
    draw_closing (self, cr);

  footer = g_strdup_printf (_("Page %u of %u"), at + 1, self->pages);
  pango_layout_set_text (self->footer, footer, -1);
  show (cr, self->footer, self->margin, self->height - self->margin - FOOTER / 2);
  cairo_restore (cr);
}

void
yc_document_layout_free (YcDocumentLayout *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->doc);
  g_clear_object (&self->context);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->pieces);
  g_array_unref (self->page_start);
  g_clear_object (&self->office);
  g_clear_object (&self->title);
  g_clear_object (&self->numbers);
  g_clear_object (&self->copy_mark);
  g_clear_object (&self->footer);
  g_clear_object (&self->closing);
  g_clear_object (&self->seal_hint);
  g_ptr_array_unref (self->copy_labels);
  g_ptr_array_unref (self->signer_labels);
  g_ptr_array_unref (self->signers);
  g_clear_pointer (&self->seal, cairo_surface_destroy);
  g_free (self);
}

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * yc_document_render_pdf:
 *
 * Lays the document out on A4 and writes it as PDF. Safe in a thread of
 * its own, as yc_document_render_pdf_async() runs it.
 *
 * Returns: (transfer full) (nullable): the PDF
 */
GBytes *
yc_document_render_pdf (YcDocument  *self,
                        GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(YcDocumentLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);

  layout = yc_document_layout_new (self, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT, NULL);
  surface = cairo_pdf_surface_create_for_stream (write_bytes, out, YC_DOCUMENT_A4_WIDTH, YC_DOCUMENT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  yc_json_get_string (yc_document_get_content (self), "title"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Yichuang");
  cr = cairo_create (surface);
  for (guint page = 0; page < yc_document_layout_get_n_pages (layout); page++)
    {
      yc_document_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_RENDER, _("The document could not be written as PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *pdf = yc_document_render_pdf (source_object, &error);

  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}

/**
 * yc_document_render_pdf_async:
 *
 * yc_document_render_pdf() in a thread, so that the window stays
 * responsive; do not change the document's signatures until it finishes.
 */
void
yc_document_render_pdf_async (YcDocument          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_document_render_pdf_async);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
yc_document_render_pdf_finish (YcDocument    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* yc-field-attachment-editor.c: a scan attached to a field
 *
 * A button opens the file chooser; the scan is copied into the profile's
 * store for the case, off the main loop, and the value becomes its
 * SHA-256 once it is there. Another button removes it from the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yc-editor-box.h"
#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_ATTACHMENT_EDITOR (yc_field_attachment_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldAttachmentEditor, yc_field_attachment_editor, YC, FIELD_ATTACHMENT_EDITOR, GObject)

struct _YcFieldAttachmentEditor
{
  GObject               parent_instance;

  char                 *key;
  char                 *material;
  YcCaseStore          *store;
  YcCaseDraft          *draft;        /* the case the scan is kept for */

  GtkWidget            *box;
  GtkWidget            *choose_button;
  GtkWidget            *clear_button;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GFile                *pending;      /* the scan being stored */

  char                 *digest;       /* the value: the scan's SHA-256 */
  char                 *file_name;
  char                 *file_error;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldAttachmentEditor, yc_field_attachment_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
set_digest (YcFieldAttachmentEditor *self,
            const char              *digest)
{
  g_free (self->digest);
  self->digest = g_strdup (digest);
  gtk_widget_set_sensitive (self->clear_button, digest != NULL);
}

static void
on_file_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(YcFieldAttachmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;

  digest = yc_attachments_add_file_finish (YC_CASE_STORE (source), result, &error);
  /* the row is gone */
  if (self->box == NULL)
    return;
  if (digest == NULL)
    {
      /* cancelled: another file was chosen or the scan cleared */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->file_error);
      self->file_error = g_strdup (error->message);
      yc_field_editor_changed (YC_FIELD_EDITOR (self), TRUE);
      return;
    }

  /* the value is the scan's SHA-256; the scan itself is in the store */
  g_free (self->file_name);
  self->file_name = g_file_get_basename (self->pending);
  set_digest (self, digest);
  yc_field_editor_changed (YC_FIELD_EDITOR (self), TRUE);
}

static void
on_chooser_response_cb (YcFieldAttachmentEditor *self,
                        int                      response,
                        GtkNativeDialog         *dialog)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file != NULL)
    _yc_field_attachment_editor_attach_file (YC_FIELD_EDITOR (self), file);
}

static void
on_choose_clicked_cb (YcFieldAttachmentEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (self->box);
  GtkFileFilter *scans;
  GtkFileFilter *all;
  const char *suffixes[] = { "pdf", "ofd", "jpg", "jpeg", "png", "tif", "tiff" };

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach a Scan"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  scans = gtk_file_filter_new ();
  gtk_file_filter_set_name (scans, _("Scans (PDF, OFD and images)"));
  gtk_file_filter_add_mime_type (scans, "application/pdf");
  gtk_file_filter_add_mime_type (scans, "image/*");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (scans, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), scans);
  g_object_unref (scans);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_object_unref (all);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_clear_clicked_cb (YcFieldAttachmentEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_error, g_free);
  /* the scan stays in the store: another case may hold it */
  if (yc_case_draft_get_id (self->draft) != NULL &&
      !yc_attachments_release (self->store, yc_case_draft_get_id (self->draft), self->key, &error))
    self->file_error = g_strdup (error->message);
  set_digest (self, NULL);
  yc_field_editor_changed (YC_FIELD_EDITOR (self), TRUE);
}

YcFieldEditor *
_yc_field_attachment_editor_new (const YcFormField *field,
                                 YcCaseDraft       *draft)
{
  YcFieldAttachmentEditor *self = g_object_new (YC_TYPE_FIELD_ATTACHMENT_EDITOR, NULL);
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *choose_name = g_strdup_printf ("field:%s:choose", field->key);
  g_autofree char *clear_name = g_strdup_printf ("field:%s:clear", field->key);

  self->key = g_strdup (field->key);
  self->material = g_strdup (yc_form_field_get_material (field));
  self->draft = g_object_ref (draft);
  self->store = g_object_ref (yc_case_draft_get_store (draft));

  self->choose_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "document-open-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Choose scan…"));
  gtk_button_set_child (GTK_BUTTON (self->choose_button), content);
  gtk_widget_set_name (self->choose_button, choose_name);
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (on_choose_clicked_cb), self);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_name (self->clear_button, clear_name);
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove the scan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the scan"), -1);
  gtk_widget_set_sensitive (self->clear_button, FALSE);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);

  self->box = g_object_ref_sink (yc_editor_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_widget_add_css_class (self->box, "linked");
  gtk_box_append (GTK_BOX (self->box), self->choose_button);
  gtk_box_append (GTK_BOX (self->box), self->clear_button);
  return YC_FIELD_EDITOR (self);
}

/**
 * _yc_field_attachment_editor_attach_file:
 * @file: the scan
 *
 * Attaches @file, as choosing it in the file chooser does; ::changed
 * follows once the scan is in the store.
 */
void
_yc_field_attachment_editor_attach_file (YcFieldEditor *editor,
                                         GFile         *file)
{
  YcFieldAttachmentEditor *self = YC_FIELD_ATTACHMENT_EDITOR (editor);
  g_autoptr(GError) error = NULL;
  const char *case_id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->file_error, g_free);
  /* the scan is kept for its case, which attaching makes if nothing else
   * did yet */
  if (!(case_id = yc_case_draft_ensure (self->draft, &error)))
    {
      self->file_error = g_strdup (error->message);
      yc_field_editor_changed (YC_FIELD_EDITOR (self), TRUE);
      return;
    }
  g_set_object (&self->pending, file);
  /* copied and hashed off the main loop */
  yc_attachments_add_file_async (self->store, file, case_id, self->key, self->material,
                                 self->cancellable, on_file_stored_cb, g_object_ref (self));
}

static GtkWidget *
yc_field_attachment_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_ATTACHMENT_EDITOR (editor)->box;
}

/* The row shows what the value says; there is nothing to type. */
static void
yc_field_attachment_editor_set_value (YcFieldEditor *editor,
                                      JsonNode      *value)
{
  YcFieldAttachmentEditor *self = YC_FIELD_ATTACHMENT_EDITOR (editor);

  if (value == NULL)
    g_clear_pointer (&self->file_name, g_free);
  set_digest (self, _yc_field_node_string (value));
}

static JsonNode *
yc_field_attachment_editor_read_value (YcFieldEditor *editor)
{
  YcFieldAttachmentEditor *self = YC_FIELD_ATTACHMENT_EDITOR (editor);

  return self->digest ? json_node_init_string (json_node_alloc (), self->digest) : NULL;
}

static GtkWidget *
yc_field_attachment_editor_get_activatable (YcFieldEditor *editor)
{
  return YC_FIELD_ATTACHMENT_EDITOR (editor)->choose_button;
}

static void
yc_field_attachment_editor_set_invalid (YcFieldEditor *editor,
                                        gboolean       invalid)
{
  _yc_field_mark_invalid (YC_FIELD_ATTACHMENT_EDITOR (editor)->choose_button, invalid);
}

/* The scan's file name */
static char *
yc_field_attachment_editor_describe (YcFieldEditor *editor,
                                     JsonNode      *value)
{
  YcFieldAttachmentEditor *self = YC_FIELD_ATTACHMENT_EDITOR (editor);
  g_autoptr(YcAttachment) kept = NULL;

  if (self->file_name != NULL)
    return g_strdup (self->file_name);
  if (self->digest == NULL)
    return NULL;
  /* a draft reopened: the store knows the name the scan came with */
  if ((kept = yc_attachments_lookup (self->store, self->digest, NULL)) && kept->name)
    return g_strdup (kept->name);
  return g_strdup_printf (_("Scan attached, SHA-256 %.12s…"), self->digest);
}

static const char *
yc_field_attachment_editor_get_problem (YcFieldEditor *editor)
{
  return YC_FIELD_ATTACHMENT_EDITOR (editor)->file_error;
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_attachment_editor_get_widget;
  iface->set_value = yc_field_attachment_editor_set_value;
  iface->read_value = yc_field_attachment_editor_read_value;
  iface->get_activatable = yc_field_attachment_editor_get_activatable;
  iface->set_invalid = yc_field_attachment_editor_set_invalid;
  iface->describe = yc_field_attachment_editor_describe;
  iface->get_problem = yc_field_attachment_editor_get_problem;
}

static void
yc_field_attachment_editor_dispose (GObject *object)
{
  YcFieldAttachmentEditor *self = (YcFieldAttachmentEditor *)object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  g_clear_object (&self->store);
  g_clear_object (&self->draft);
  g_clear_object (&self->box);

  G_OBJECT_CLASS (yc_field_attachment_editor_parent_class)->dispose (object);
}

static void
yc_field_attachment_editor_finalize (GObject *object)
{
  YcFieldAttachmentEditor *self = (YcFieldAttachmentEditor *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->material, g_free);
  g_clear_pointer (&self->digest, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->file_error, g_free);

  G_OBJECT_CLASS (yc_field_attachment_editor_parent_class)->finalize (object);
}

static void
yc_field_attachment_editor_class_init (YcFieldAttachmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_field_attachment_editor_dispose;
  object_class->finalize = yc_field_attachment_editor_finalize;
}

static void
yc_field_attachment_editor_init (YcFieldAttachmentEditor *self)
{
}

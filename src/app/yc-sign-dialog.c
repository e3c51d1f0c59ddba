/* yc-sign-dialog.c: the signatures a document asks for, before it prints
 *
 * 容缺受理承诺书, 告知承诺书 and 材料交接单 are signed: by the applicant,
 * and by the helper on a helper case. Which roles sign is the core's word
 * (yc_document_get_signers), and their names (yc_document_signer_label);
 * the dialog gives each a pad. The citizen
 * signs with the pen, the clerk prints with Enter; "Sign by Hand" prints
 * the documents with empty lines to be signed by hand, and a pad left
 * empty is such a line too. Nothing here needs a mouse: Tab reaches every
 * button, Enter prints, Ctrl+Z takes back the last stroke, Escape
 * cancels. Its fixed frame is
 * ui/yc-sign-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-sign-dialog.h"
#include "yichuang.h"

struct _YcSignDialog
{
  GtkWindow   parent_instance;

  GHashTable *pads;        /* role → YcSignaturePad */
  GtkWidget  *last_pad;    /* drawn in last: Ctrl+Z's */
  gboolean    responded;

  GtkWidget  *box;
  GtkWidget  *documents_label;
  GtkWidget  *sign_button;
};

G_DEFINE_FINAL_TYPE (YcSignDialog, yc_sign_dialog, GTK_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cancel_cb (GtkWidget  *widget,
           const char *action,
           GVariant   *param)
{
  yc_sign_dialog_respond (YC_SIGN_DIALOG (widget), "cancel");
}

static void
confirm_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  yc_sign_dialog_respond (YC_SIGN_DIALOG (widget), "sign");
}

static void
paper_cb (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  yc_sign_dialog_respond (YC_SIGN_DIALOG (widget), "paper");
}

static void
on_pad_changed_cb (YcSignaturePad *pad,
                   YcSignDialog   *self)
{
  if (!yc_signature_pad_is_empty (pad))
    self->last_pad = GTK_WIDGET (pad);
}

/* the pen's slip is undone from the keyboard, wherever the focus is */
static void
undo_cb (GtkWidget  *widget,
         const char *action,
         GVariant   *param)
{
  YcSignDialog *self = YC_SIGN_DIALOG (widget);

  if (self->last_pad != NULL)
    yc_signature_pad_undo (YC_SIGNATURE_PAD (self->last_pad));
}

static gboolean
on_close_request_cb (GtkWindow *window)
{
  YcSignDialog *self = YC_SIGN_DIALOG (window);

  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, "cancel");
    }
  return FALSE;
}

/**
 * yc_sign_dialog_new:
 * @documents: the titles of the documents signed, for the heading
 * @roles: the roles that sign, "applicant" and "helper"
 *
 * Returns: the dialog, to be presented; it emits ::response once, with
 * "sign", "paper" or "cancel", and closes
 */
GtkWidget *
yc_sign_dialog_new (GtkWindow          *parent,
                    const char         *documents,
                    const char * const *roles)
{
  YcSignDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (roles != NULL, NULL);

  self = g_object_new (YC_TYPE_SIGN_DIALOG, "transient-for", parent, NULL);
  gtk_label_set_text (GTK_LABEL (self->documents_label), documents ? documents : "");
  for (guint i = 0; roles[i] != NULL; i++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *pad = yc_signature_pad_new ();
      g_autofree char *name = g_strdup_printf ("signature:%s", roles[i]);
      /* TRANSLATORS: %s is who signs: the applicant, the helper */
      g_autofree char *title = g_strdup_printf (_("Signature of the %s"), yc_document_signer_label (roles[i]));

      if (g_hash_table_contains (self->pads, roles[i]))
        continue;
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      gtk_widget_set_name (pad, name);
      g_signal_connect (pad, "changed", G_CALLBACK (on_pad_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), pad);
      gtk_box_append (GTK_BOX (self->box), group);
      g_hash_table_insert (self->pads, g_strdup (roles[i]), pad);
    }
  /* the clerk's Enter prints: the pen needs no focus */
  gtk_window_set_focus (GTK_WINDOW (self), self->sign_button);
  return GTK_WIDGET (self);
}

/**
 * yc_sign_dialog_get_pad:
 *
 * Returns: (transfer none) (nullable): @role's pad
 */
YcSignaturePad *
yc_sign_dialog_get_pad (YcSignDialog *self,
                        const char   *role)
{
  g_return_val_if_fail (YC_IS_SIGN_DIALOG (self), NULL);
  return g_hash_table_lookup (self->pads, role);
}

/**
 * yc_sign_dialog_get_strokes:
 *
 * Returns: (transfer full) (nullable): what @role drew, NULL when
 * nothing (the line stays empty, to be signed by hand)
 */
JsonArray *
yc_sign_dialog_get_strokes (YcSignDialog *self,
                            const char   *role)
{
  YcSignaturePad *pad;

  g_return_val_if_fail (YC_IS_SIGN_DIALOG (self), NULL);

  pad = g_hash_table_lookup (self->pads, role);
  if (pad == NULL || yc_signature_pad_is_empty (pad))
    return NULL;
  return yc_signature_pad_get_strokes (pad);
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* "sign", "paper" or "cancel", as its buttons; the dialog closes */
void
yc_sign_dialog_respond (YcSignDialog *self,
                        const char   *response)
{
  g_return_if_fail (YC_IS_SIGN_DIALOG (self));

  if (self->responded)
    return;
  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
  /* the key that answered is still being handled by the dialog: it goes
   * once that is over */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

static void
yc_sign_dialog_finalize (GObject *object)
{
  YcSignDialog *self = (YcSignDialog *)object;

  g_hash_table_unref (self->pads);

  G_OBJECT_CLASS (yc_sign_dialog_parent_class)->finalize (object);
}

static void
yc_sign_dialog_class_init (YcSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /* the window unparents its titlebar and child, the pads with them */
  object_class->finalize = yc_sign_dialog_finalize;
  window_class->close_request = on_close_request_cb;

  /**
   * YcSignDialog::response:
   * @response: "sign", "paper" or "cancel"
   */
  signals[RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "sign.cancel", NULL, cancel_cb);
  gtk_widget_class_install_action (widget_class, "sign.confirm", NULL, confirm_cb);
  gtk_widget_class_install_action (widget_class, "sign.paper", NULL, paper_cb);
  gtk_widget_class_install_action (widget_class, "sign.undo", NULL, undo_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "sign.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "sign.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "sign.confirm", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcSignDialog, box);
  gtk_widget_class_bind_template_child (widget_class, YcSignDialog, documents_label);
  gtk_widget_class_bind_template_child (widget_class, YcSignDialog, sign_button);
}

static void
yc_sign_dialog_init (YcSignDialog *self)
{
  self->pads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

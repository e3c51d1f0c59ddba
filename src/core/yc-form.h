/* yc-form.h: the one intake form generated from an item or a bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yc-catalog.h"
#include "yc-field-type.h"

G_BEGIN_DECLS

#define YC_FORM_ERROR (yc_form_error_quark ())

typedef enum
{
  YC_FORM_ERROR_UNKNOWN_CODE,
  YC_FORM_ERROR_INVALID,
} YcFormError;

typedef struct
{
  const char *value;
  const char *label;
} YcFormOption;

typedef struct
{
  const char *id;
  const char *text;
  GPtrArray  *options;   /* YcFormOption */
  gboolean    visible;
} YcFormQuestion;

/* A field of the form, or a column of a group's table. For a key a bundle
 * shares, the first member's definition says the type, label and options. */
typedef struct
{
  const char  *key;
  const char  *label;
  YcFieldType  type;
  const char  *help;
  gboolean     visible;
  gboolean     required;    /* a column: required in every row */
  gboolean     calculated;
} YcFormField;

typedef enum
{
  YC_MATERIAL_PENDING,
  YC_MATERIAL_RECEIVED,
  YC_MATERIAL_MISSING,
  YC_MATERIAL_DEFECTIVE,  /* brought, but not as the standard asks */
} YcMaterialStatus;

typedef struct
{
  const char         *id;
  const char         *name;
  const char         *received;     /* the first of @forms */
  const char * const *forms;        /* the forms it may be received in */
  const char         *issuer;
  const char         *standard;
  const char         *sample;
  const char         *commitment;
  guint               copies;
  guint               rongque_days;
  gboolean            primary;
  YcMaterialStatus    status;
  const char         *form;         /* received: the form it came in */
  const char         *defect;       /* defective: what is wrong with it */
  const char         *supply_form;  /* 容缺: the form it will come in */
  const char         *supply_by;    /* 容缺: YYYY-MM-DD chosen, or NULL for the limit */
} YcFormMaterial;

typedef enum
{
  YC_DECISION_NONE,
  YC_DECISION_ACCEPT,     /* 受理 */
  YC_DECISION_RONGQUE,    /* 容缺受理 */
  YC_DECISION_NOTIFY,     /* 一次性告知 */
  YC_DECISION_REJECT,     /* 不予受理 */
} YcDecision;

typedef struct
{
  char       *key;
  char       *message;
  const char *refusal;  /* the stable code the central service answers it with (yc-refusal.h) */
} YcFormProblem;

typedef enum
{
  YC_LIMIT_PROMISED,  /* 承诺时限 */
  YC_LIMIT_LEGAL,     /* 法定时限 */
} YcLimit;

YcFormProblem *yc_form_problem_new      (const char          *key,
                                        char                *message);
void           yc_form_problem_free     (YcFormProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcFormProblem, yc_form_problem_free)

GPtrArray  *yc_form_field_get_options    (const YcFormField *field);
const char *yc_form_question_get_label   (const YcFormQuestion *question,
                                          const char           *value);
GPtrArray  *yc_form_field_get_columns    (const YcFormField *field);
guint       yc_form_field_get_min_rows   (const YcFormField *field);
guint       yc_form_field_get_max_rows   (const YcFormField *field);
guint       yc_form_field_get_max_length (const YcFormField *field);
const char *yc_form_field_get_material   (const YcFormField *field);

const char *yc_decision_to_string   (YcDecision  decision);
YcDecision  yc_decision_from_string (const char *text);
const char *yc_decision_get_term    (YcDecision  decision);
const char *yc_decision_get_label   (YcDecision  decision);
const char *yc_decision_get_reason  (YcDecision  decision);

#define YC_TYPE_FORM (yc_form_get_type ())
G_DECLARE_FINAL_TYPE (YcForm, yc_form, YC, FORM, GObject)

char           *yc_form_problem_describe   (const YcFormProblem *problem,
                                            YcForm              *form);

GQuark          yc_form_error_quark        (void);
YcForm         *yc_form_new                (YcCatalog   *catalog,
                                            const char  *code,
                                            GError     **error);
const char     *yc_form_get_code           (YcForm      *self);
const char     *yc_form_get_name           (YcForm      *self);
guint           yc_form_get_version        (YcForm      *self);
gboolean        yc_form_is_bundle          (YcForm      *self);
GPtrArray      *yc_form_get_members        (YcForm      *self);
GPtrArray      *yc_form_get_questions      (YcForm      *self);
GPtrArray      *yc_form_get_fields         (YcForm      *self);
GPtrArray      *yc_form_get_materials      (YcForm      *self);
const char     *yc_form_get_situation_name (YcForm      *self);
GPtrArray      *yc_form_get_unanswered     (YcForm      *self);
char           *yc_form_describe_situation (YcForm      *self);
guint           yc_form_get_limit          (YcForm      *self,
                                            YcLimit      limit);
const YcFormField *yc_form_lookup_field    (YcForm      *self,
                                            const char  *key);
const char     *yc_form_get_answer         (YcForm      *self,
                                            const char  *question);
void            yc_form_set_answer         (YcForm      *self,
                                            const char  *question,
                                            const char  *value);
JsonNode       *yc_form_get_value          (YcForm      *self,
                                            const char  *key);
void            yc_form_set_value          (YcForm      *self,
                                            const char  *key,
                                            JsonNode    *value);
gboolean        yc_form_is_cell_visible    (YcForm      *self,
                                            const char  *key,
                                            guint        row,
                                            const char  *column);
void            yc_form_set_material_status (YcForm          *self,
                                             const char      *id,
                                             YcMaterialStatus status);
void            yc_form_set_material_received (YcForm     *self,
                                               const char *id,
                                               const char *form);
void            yc_form_set_material_defective (YcForm     *self,
                                                const char *id,
                                                const char *defect);
void            yc_form_set_material_supply (YcForm     *self,
                                             const char *id,
                                             const char *supply_form,
                                             const char *supply_by);
const YcFormMaterial *yc_form_lookup_material (YcForm     *self,
                                               const char *id);
gboolean        yc_form_material_allows    (const YcFormMaterial *material,
                                            const char           *form);
gboolean        yc_form_get_commitment_signed (YcForm   *self);
void            yc_form_set_commitment_signed (YcForm   *self,
                                               gboolean  signed_);
JsonObject     *yc_form_get_helper         (YcForm      *self);
void            yc_form_set_helper         (YcForm      *self,
                                            JsonObject  *helper);
const char     *yc_material_status_to_string  (YcMaterialStatus status);
char           *yc_form_check_field        (YcForm      *self,
                                            const char  *key);
GPtrArray      *yc_form_validate           (YcForm      *self);
YcDecision      yc_form_suggest_decision   (YcForm      *self);
void            yc_form_find_applicant     (YcForm             *self,
                                            const YcFormField **name,
                                            const YcFormField **number);
const char     *yc_form_get_applicant      (YcForm      *self);
JsonObject     *yc_form_save               (YcForm      *self);
gboolean        yc_form_restore            (YcForm      *self,
                                            JsonObject  *saved,
                                            GError     **error);
YcForm         *yc_form_new_from_saved     (YcCatalog   *catalog,
                                            JsonObject  *saved,
                                            GError     **error);
JsonObject     *yc_form_save_intake        (YcForm      *self);
YcFormProblem  *yc_form_check_saved        (YcForm      *self,
                                            JsonObject  *saved);
YcForm         *yc_form_new_from_intake    (YcCatalog      *catalog,
                                            JsonObject     *saved,
                                            YcFormProblem **problem);

G_END_DECLS

/* yc-validate.h: validators for the coded values people type at the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "yc-field-type.h"

G_BEGIN_DECLS

#define YC_VALIDATE_ERROR (yc_validate_error_quark ())

typedef enum
{
  YC_VALIDATE_ERROR_EMPTY,
  YC_VALIDATE_ERROR_FORMAT,
  YC_VALIDATE_ERROR_CHECKSUM,
  YC_VALIDATE_ERROR_DATE,
  YC_VALIDATE_ERROR_REGION,
  YC_VALIDATE_ERROR_RANGE,
} YcValidateError;

GQuark yc_validate_error_quark (void);

typedef struct
{
  char    region[7];    /* 6 digits + NUL, as written in the number */
  guint16 year;
  guint8  month;
  guint8  day;
  char    sex;          /* 'M' or 'F' */
} YcIdNumber;

/* Every validator accepts what people actually type: surrounding spaces and
 * full-width characters from a Chinese input method are tolerated.
 */
gboolean    yc_validate_id_number    (const char       *text,
                                      YcIdNumber       *out,
                                      GError          **error);
char       *yc_normalize_id_number   (const char       *text);
guint       yc_id_number_age         (const YcIdNumber *id,
                                      GDate            *on_date);
gboolean    yc_validate_credit_code  (const char       *text,
                                      GError          **error);
char       *yc_normalize_credit_code (const char       *text);
gboolean    yc_validate_mobile       (const char       *text,
                                      GError          **error);
gboolean    yc_validate_landline     (const char       *text,
                                      GError          **error);
gboolean    yc_validate_phone        (const char       *text,
                                      GError          **error);
char       *yc_normalize_phone       (const char       *text);
gboolean    yc_validate_postal_code  (const char       *text,
                                      GError          **error);
gboolean    yc_validate_region       (const char       *code,
                                      GError          **error);
const char *yc_region_name           (const char       *code);
const char *yc_region_short_name     (const char       *code);
const char *yc_region_parent         (const char       *code);
GPtrArray  *yc_region_children       (const char       *parent_code);
const char *yc_region_source         (void);
guint       yc_region_count          (void);
gboolean    yc_validate_field_value  (YcFieldType       type,
                                      const char       *text,
                                      JsonObject      **derived,
                                      GError          **error);
gboolean    yc_validate_value        (const char       *type,
                                      const char       *text,
                                      JsonObject      **derived,
                                      GError          **error);

G_END_DECLS

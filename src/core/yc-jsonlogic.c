/* yc-jsonlogic.c: JsonLogic rules, evaluated as json-logic-js does
 *
 * Catalog rules (when a question is asked, which fields are required, what
 * a field is calculated from) are JsonLogic, and catalog authors try them
 * on jsonlogic.com, which runs json-logic-js. So the answers here follow
 * that implementation down to JavaScript's coercions ("1" == 1, "2" > 1,
 * {"+": "3px"} is 3, 1.0 is written "1" by "cat") rather than what would be
 * tidier in C.
 *
 * Where JavaScript has no JSON counterpart:
 *  - undefined (a missing argument, {"and": []}) is a NULL JsonNode inside
 *    the evaluator and null outside it, also inside arrays, as
 *    JSON.stringify writes it;
 *  - NaN and ±Infinity come out as null, as JSON.stringify writes them;
 *  - strings are measured and cut in Unicode characters rather than UTF-16
 *    units, so a name with a character outside the BMP (CJK Extension B)
 *    counts it once;
 *  - "var" and "missing" see a value's own members only, plus "length" of
 *    arrays and strings, not what JavaScript objects inherit ("toString");
 *  - two arrays or objects are equal (===, ==, "in") only when they are the
 *    same one, as in JavaScript: a value read twice from data is the same,
 *    two literals in the rule are not;
 *  - numbers computed only from integers that come out whole stay integers,
 *    so a calculated field holding a count is saved as 3 rather than 3.0.
 *
 * Project operators, beside standard JsonLogic:
 *  - {"id_birth": id}: an 18-character citizen ID number → "YYYY-MM-DD"
 *    from its characters 7 to 14; null when it has another length or those
 *    characters are no real date;
 *  - {"id_sex": id}: → "M" when its 17th character is an odd digit, "F"
 *    when an even one; null otherwise, also when it is not 18 characters;
 *  - {"age": [date, on]}: whole years from "YYYY-MM-DD" to the date "on",
 *    today in local time when left out; null when either is no real date
 *    or "on" comes before "date". Someone born on 29 February is a year
 *    older on 1 March in other years.
 *
 * Rules come from a catalog downloaded over the network, so evaluation is
 * bounded: nesting (YC_JSON_LOGIC_MAX_DEPTH, YC_JSON_LOGIC_MAX_VALUE_DEPTH)
 * and work (YC_JSON_LOGIC_BUDGET) have limits that end in an error rather
 * than a crash or a hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "yc-jsonlogic.h"

G_DEFINE_QUARK (yc-json-logic-error-quark, yc_json_logic_error)

/* Above this, doubles are no longer whole numbers one apart. */
#define MAX_SAFE_INTEGER 9007199254740992.0

typedef struct
{
  guint       depth;
  gint64      budget;
  GHashTable *depths;   /* JsonArray or JsonObject → ValueDepth */
  GError     *error;    /* the first error; everything after it is skipped */
} Ctx;

typedef struct
{
  JsonNode *holder;     /* keeps the container alive, so its address stays its own */
  guint     depth;
} ValueDepth;

typedef struct
{
  JsonNode **v;         /* evaluated arguments, NULL where undefined */
  guint      n;
} Args;

typedef JsonNode *(*EagerFunc) (Ctx        *ctx,
                                const Args *args,
                                JsonNode   *data);
typedef JsonNode *(*LazyFunc)  (Ctx        *ctx,
                                JsonNode   *values,
                                JsonNode   *data);

typedef struct
{
  const char *name;
  EagerFunc   eager;    /* gets its arguments evaluated */
  LazyFunc    lazy;     /* evaluates its arguments itself, if at all */
  gint8       min_args; /* for yc_json_logic_check () */
  gint8       max_args; /* -1 for any number */
} Operator;

/* JavaScript's types, which decide every coercion */
typedef enum
{
  JS_UNDEFINED,
  JS_NULL,
  JS_BOOLEAN,
  JS_NUMBER,
  JS_STRING,
  JS_OBJECT,
} JsType;

/* A value after JavaScript's ToPrimitive: arrays and objects become strings */
typedef struct
{
  JsType      type;
  gboolean    boolean;
  double      number;
  const char *string;
  char       *owned;
} JsPrim;

static JsonNode *eval (Ctx      *ctx,
                       JsonNode *rule,
                       JsonNode *data);

/* Errors and limits */

static gboolean fail (Ctx              *ctx,
                      YcJsonLogicError  code,
                      const char       *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Ctx              *ctx,
      YcJsonLogicError  code,
      const char       *format,
      ...)
{
  va_list args;

  if (ctx->error != NULL)
    return FALSE;
  va_start (args, format);
  ctx->error = g_error_new_valist (YC_JSON_LOGIC_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
charge (Ctx    *ctx,
        gint64  units)
{
  if (ctx->error != NULL)
    return FALSE;
  ctx->budget -= units;
  if (ctx->budget < 0)
    return fail (ctx, YC_JSON_LOGIC_ERROR_TOO_COSTLY,
                 _("The rule needs more than %d steps"), YC_JSON_LOGIC_BUDGET);
  return TRUE;
}

/* Values */

static JsType
js_type (JsonNode *value)
{
  GType type;

  if (value == NULL)
    return JS_UNDEFINED;
  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      return JS_OBJECT;
    case JSON_NODE_NULL:
      return JS_NULL;
    case JSON_NODE_VALUE:
      break;
    }
  type = json_node_get_value_type (value);
  if (type == G_TYPE_BOOLEAN)
    return JS_BOOLEAN;
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return JS_NUMBER;
  if (type == G_TYPE_STRING)
    return JS_STRING;
  return JS_NULL;
}

static gboolean
is_int_typed (JsonNode *value)
{
  return js_type (value) == JS_NUMBER && json_node_get_value_type (value) == G_TYPE_INT64;
}

static const char *
string_of (JsonNode *value)
{
  const char *s = json_node_get_string (value);

  return s != NULL ? s : "";
}

/* The g_utf8_ functions read past the end of broken UTF-8; data built in
 * code rather than parsed may hold some.
 */
static const char *
valid_utf8 (const char  *s,
            char       **owned)
{
  if (g_utf8_validate (s, -1, NULL))
    return s;
  *owned = g_utf8_make_valid (s, -1);
  return *owned;
}

/**
 * yc_json_logic_is_operation:
 *
 * Returns: whether @rule is an operation, `{"op": args}`, rather than a
 *   literal
 */
gboolean
yc_json_logic_is_operation (JsonNode *rule)
{
  return rule != NULL && JSON_NODE_HOLDS_OBJECT (rule) && json_object_get_size (json_node_get_object (rule)) == 1;
}

/**
 * yc_json_logic_operation:
 * @rule: an operation (yc_json_logic_is_operation())
 * @values: (out): its arguments
 *
 * Returns: its operator
 */
const char *
yc_json_logic_operation (JsonNode  *rule,
                         JsonNode **values)
{
  JsonObjectIter iter;
  const char *name = NULL;

  json_object_iter_init (&iter, json_node_get_object (rule));
  json_object_iter_next (&iter, &name, values);
  return name;
}

/**
 * yc_json_logic_n_args:
 * @values: (nullable): an operation's arguments: {"op": x} is short for
 *   {"op": [x]}
 *
 * Returns: how many
 */
guint
yc_json_logic_n_args (JsonNode *values)
{
  if (values != NULL && JSON_NODE_HOLDS_ARRAY (values))
    return json_array_get_length (json_node_get_array (values));
  return values != NULL ? 1 : 0;
}

/**
 * yc_json_logic_arg:
 * @values: (nullable): an operation's arguments
 *
 * Returns: (transfer none) (nullable): the @i-th, as the rule holds it
 */
JsonNode *
yc_json_logic_arg (JsonNode *values,
                   guint     i)
{
  if (values != NULL && JSON_NODE_HOLDS_ARRAY (values))
    {
      JsonArray *array = json_node_get_array (values);

      return i < json_array_get_length (array) ? json_array_get_element (array, i) : NULL;
    }
  return i == 0 ? values : NULL;
}

static JsonNode *
arg (const Args *args,
     guint       i)
{
  return i < args->n ? args->v[i] : NULL;
}

static JsonNode *
new_null (void)
{
  return json_node_init_null (json_node_alloc ());
}

static JsonNode *
new_boolean (gboolean value)
{
  return json_node_init_boolean (json_node_alloc (), value);
}

static JsonNode *
new_string (const char *value)
{
  return json_node_init_string (json_node_alloc (), value);
}

static JsonNode *
new_number (double   value,
            gboolean from_ints)
{
  if (from_ints && value == floor (value) && fabs (value) <= MAX_SAFE_INTEGER &&
      !(value == 0 && signbit (value)))
    return json_node_init_int (json_node_alloc (), (gint64) value);
  return json_node_init_double (json_node_alloc (), value);
}

/* Values are never changed once made, so a copy can share their arrays and
 * objects; that is also what keeps JavaScript's identity of objects.
 */
static JsonNode *
share (JsonNode *value)
{
  return value != NULL ? json_node_copy (value) : NULL;
}

static void
clear_value (JsonNode **value)
{
  if (*value != NULL)
    json_node_unref (g_steal_pointer (value));
}

static gpointer
container_of (JsonNode *value)
{
  if (value == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_node_get_array (value);
  if (JSON_NODE_HOLDS_OBJECT (value))
    return json_node_get_object (value);
  return NULL;
}

static void
value_depth_free (gpointer data)
{
  ValueDepth *vd = data;

  json_node_unref (vd->holder);
  g_free (vd);
}

static guint
value_depth (Ctx      *ctx,
             JsonNode *value,
             guint     level)
{
  gpointer container = container_of (value);
  ValueDepth *vd;
  guint depth = 0;

  if (container == NULL || ctx->error != NULL)
    return 0;
  if (ctx->depths != NULL && (vd = g_hash_table_lookup (ctx->depths, container)) != NULL)
    return vd->depth;
  if (level >= YC_JSON_LOGIC_MAX_VALUE_DEPTH)
    {
      fail (ctx, YC_JSON_LOGIC_ERROR_TOO_DEEP,
            _("A value is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_VALUE_DEPTH);
      return 0;
    }
  if (!charge (ctx, 1))
    return 0;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = container;

      for (guint i = 0; i < json_array_get_length (array) && ctx->error == NULL; i++)
        depth = MAX (depth, value_depth (ctx, json_array_get_element (array, i), level + 1));
    }
  else
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, container);
      while (ctx->error == NULL && json_object_iter_next (&iter, NULL, &member))
        depth = MAX (depth, value_depth (ctx, member, level + 1));
    }
  if (ctx->error != NULL)
    return 0;

  if (ctx->depths == NULL)
    ctx->depths = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, value_depth_free);
  vd = g_new (ValueDepth, 1);
  vd->holder = json_node_copy (value);
  vd->depth = depth + 1;
  g_hash_table_insert (ctx->depths, container, vd);
  return vd->depth;
}

/* Every array or object the evaluator makes goes through here: a reduce can
 * nest its accumulator one level deeper each round, and json-glib frees
 * and prints values recursively.
 */
static JsonNode *
built (Ctx      *ctx,
       JsonNode *value)
{
  guint depth = value_depth (ctx, value, 0);

  if (ctx->error == NULL && depth > YC_JSON_LOGIC_MAX_VALUE_DEPTH)
    fail (ctx, YC_JSON_LOGIC_ERROR_TOO_DEEP,
          _("A value is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_VALUE_DEPTH);
  if (ctx->error != NULL)
    {
      json_node_unref (value);
      return NULL;
    }
  return value;
}

static JsonNode *
built_array (Ctx       *ctx,
             JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return built (ctx, node);
}

/* JavaScript's conversions */

/* Number::toString: the shortest digits that read back as the same double */
static void
append_number (GString *out,
               double   n)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[24];
  const char *p;
  int k = 0;
  int point;

  if (isnan (n))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (n == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (isinf (n))
    {
      g_string_append (out, n < 0 ? "-Infinity" : "Infinity");
      return;
    }
  if (n < 0)
    {
      g_string_append_c (out, '-');
      n = -n;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, n);
      if (g_ascii_strtod (buf, NULL) == n)
        break;
    }

  p = buf;
  digits[k++] = *p++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && k < (int) sizeof digits; p++)
      digits[k++] = *p;
  while (k > 1 && digits[k - 1] == '0')
    k--;
  point = (*p == 'e' ? (int) g_ascii_strtoll (p + 1, NULL, 10) : 0) + 1;

  if (k <= point && point <= 21)
    {
      g_string_append_len (out, digits, k);
      for (int i = k; i < point; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < point && point <= 21)
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append_len (out, digits + point, k - point);
    }
  else if (-6 < point && point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, k);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + 1, k - 1);
        }
      g_string_append_printf (out, "e%c%d", point - 1 >= 0 ? '+' : '-', ABS (point - 1));
    }
}

static gboolean append_js_string (Ctx      *ctx,
                                  GString  *out,
                                  JsonNode *value,
                                  guint     level);

/* Array.prototype.join (","), which writes null as "" */
static gboolean
append_joined (Ctx       *ctx,
               GString   *out,
               JsonArray *array,
               guint      level)
{
  if (level >= YC_JSON_LOGIC_MAX_VALUE_DEPTH)
    return fail (ctx, YC_JSON_LOGIC_ERROR_TOO_DEEP,
                 _("A value is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_VALUE_DEPTH);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsType type = js_type (element);

      if (!charge (ctx, 1))
        return FALSE;
      if (i > 0)
        g_string_append_c (out, ',');
      if (type != JS_NULL && type != JS_UNDEFINED &&
          !append_js_string (ctx, out, element, level + 1))
        return FALSE;
    }
  return TRUE;
}

/* ToString */
static gboolean
append_js_string (Ctx      *ctx,
                  GString  *out,
                  JsonNode *value,
                  guint     level)
{
  switch (js_type (value))
    {
    case JS_UNDEFINED:
      g_string_append (out, "undefined");
      break;
    case JS_NULL:
      g_string_append (out, "null");
      break;
    case JS_BOOLEAN:
      g_string_append (out, json_node_get_boolean (value) ? "true" : "false");
      break;
    case JS_NUMBER:
      append_number (out, json_node_get_double (value));
      break;
    case JS_STRING:
      {
        const char *s = string_of (value);
        gsize len = strlen (s);

        if (!charge (ctx, len / 16))
          return FALSE;
        g_string_append_len (out, s, len);
      }
      break;
    case JS_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (value))
        g_string_append (out, "[object Object]");
      else if (!append_joined (ctx, out, json_node_get_array (value), level))
        return FALSE;
      break;
    }
  return ctx->error == NULL;
}

static char *
to_js_string (Ctx      *ctx,
              JsonNode *value)
{
  GString *out = g_string_new (NULL);

  append_js_string (ctx, out, value, 0);
  return g_string_free (out, FALSE);
}

static void
to_primitive (Ctx      *ctx,
              JsonNode *value,
              JsPrim   *prim)
{
  memset (prim, 0, sizeof *prim);
  prim->type = js_type (value);
  switch (prim->type)
    {
    case JS_UNDEFINED:
    case JS_NULL:
      break;
    case JS_BOOLEAN:
      prim->boolean = json_node_get_boolean (value);
      break;
    case JS_NUMBER:
      prim->number = json_node_get_double (value);
      break;
    case JS_STRING:
      prim->string = string_of (value);
      break;
    case JS_OBJECT:
      prim->owned = to_js_string (ctx, value);
      prim->string = prim->owned;
      prim->type = JS_STRING;
      break;
    }
}

static void
prim_clear (JsPrim *prim)
{
  g_clear_pointer (&prim->owned, g_free);
}

static gboolean
is_js_space (gunichar c)
{
  switch (c)
    {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0xfeff:
    case 0x2028:
    case 0x2029:
      return TRUE;
    default:
      return c < 0x110000 && g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
    }
}

static const char *
skip_js_space (const char *s)
{
  while (*s != '\0')
    {
      gunichar c = g_utf8_get_char_validated (s, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !is_js_space (c))
        break;
      s = g_utf8_next_char (s);
    }
  return s;
}

static gsize
count_digits (const char *p,
              const char *end)
{
  const char *q = p;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  return q - p;
}

/* The length of the longest StrDecimalLiteral at s, 0 if none */
static gsize
scan_decimal (const char *s,
              const char *end)
{
  const char *p = s;
  gsize before;

  if (p < end && (*p == '+' || *p == '-'))
    p++;
  if (end - p >= 8 && strncmp (p, "Infinity", 8) == 0)
    return p + 8 - s;
  before = count_digits (p, end);
  p += before;
  if (p < end && *p == '.')
    {
      gsize after = count_digits (p + 1, end);

      if (before == 0 && after == 0)
        return 0;
      p += 1 + after;
    }
  else if (before == 0)
    return 0;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *q = p + 1;
      gsize exponent;

      if (q < end && (*q == '+' || *q == '-'))
        q++;
      exponent = count_digits (q, end);
      if (exponent > 0)
        p = q + exponent;
    }
  return p - s;
}

static double
decimal_value (const char *s,
               gsize       len)
{
  g_autofree char *text = g_strndup (s, len);
  const char *p = text;

  if (*p == '+' || *p == '-')
    p++;
  if (*p == 'I')
    return text[0] == '-' ? -INFINITY : INFINITY;
  return g_ascii_strtod (text, NULL);
}

/* StringToNumber: whitespace around, "" is 0, 0x/0o/0b, otherwise NaN */
static double
string_to_number (const char *s)
{
  const char *start = skip_js_space (s);
  const char *end = start;
  const char *p = start;
  gsize len;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          end = p + strlen (p);
          break;
        }
      if (!is_js_space (c))
        end = g_utf8_next_char (p);
      p = g_utf8_next_char (p);
    }
  len = end - start;
  if (len == 0)
    return 0;

  if (len > 2 && start[0] == '0' && strchr ("xXoObB", start[1]) != NULL)
    {
      int radix = (start[1] == 'x' || start[1] == 'X') ? 16 : (start[1] == 'o' || start[1] == 'O') ? 8 : 2;
      double value = 0;

      for (p = start + 2; p < end; p++)
        {
          int digit = g_ascii_xdigit_value (*p);

          if (digit < 0 || digit >= radix)
            return NAN;
          value = value * radix + digit;
        }
      return value;
    }

  if (scan_decimal (start, end) != len)
    return NAN;
  return decimal_value (start, len);
}

static double
prim_to_number (const JsPrim *prim)
{
  switch (prim->type)
    {
    case JS_UNDEFINED:
      return NAN;
    case JS_NULL:
      return 0;
    case JS_BOOLEAN:
      return prim->boolean ? 1 : 0;
    case JS_NUMBER:
      return prim->number;
    case JS_STRING:
      return string_to_number (prim->string);
    case JS_OBJECT:
      break;
    }
  return NAN;
}

static double
to_number (Ctx      *ctx,
           JsonNode *value)
{
  JsPrim prim;
  double n;

  if (js_type (value) == JS_NUMBER)
    return json_node_get_double (value);
  to_primitive (ctx, value, &prim);
  n = prim_to_number (&prim);
  prim_clear (&prim);
  return n;
}

/* parseFloat (String (value)): the longest number at the start */
static double
parse_float (Ctx      *ctx,
             JsonNode *value)
{
  g_autofree char *text = NULL;
  const char *start;
  gsize len;

  if (js_type (value) == JS_NUMBER)
    {
      double n = json_node_get_double (value);

      /* String (-0) is "0" */
      return n == 0 ? 0 : n;
    }
  text = to_js_string (ctx, value);
  start = skip_js_space (text);
  len = scan_decimal (start, start + strlen (start));
  return len > 0 ? decimal_value (start, len) : NAN;
}

/* ToIntegerOrInfinity */
static double
to_integer (Ctx      *ctx,
            JsonNode *value)
{
  double n = to_number (ctx, value);

  if (isnan (n) || n == 0)
    return 0;
  return trunc (n);
}

/* Boolean (value), which unlike JsonLogic's truthiness holds [] true */
static gboolean
js_boolean (JsonNode *value)
{
  if (js_type (value) == JS_OBJECT)
    return TRUE;
  return yc_json_logic_truthy (value);
}

static gboolean
same_object (JsonNode *a,
             JsonNode *b)
{
  return container_of (a) == container_of (b) &&
         JSON_NODE_TYPE (a) == JSON_NODE_TYPE (b);
}

/* === */
static gboolean
strict_equal (JsonNode *a,
              JsonNode *b)
{
  JsType type = js_type (a);

  if (type != js_type (b))
    return FALSE;
  switch (type)
    {
    case JS_UNDEFINED:
    case JS_NULL:
      return TRUE;
    case JS_BOOLEAN:
      return !json_node_get_boolean (a) == !json_node_get_boolean (b);
    case JS_NUMBER:
      return json_node_get_double (a) == json_node_get_double (b);
    case JS_STRING:
      return strcmp (string_of (a), string_of (b)) == 0;
    case JS_OBJECT:
      return same_object (a, b);
    }
  return FALSE;
}

/* == */
static gboolean
loose_equal (Ctx      *ctx,
             JsonNode *a,
             JsonNode *b)
{
  JsType ta = js_type (a);
  JsType tb = js_type (b);
  JsPrim pa, pb;
  gboolean equal;

  if (ta == tb)
    return strict_equal (a, b);
  if ((ta == JS_UNDEFINED || ta == JS_NULL) && (tb == JS_UNDEFINED || tb == JS_NULL))
    return TRUE;
  if (ta == JS_UNDEFINED || ta == JS_NULL || tb == JS_UNDEFINED || tb == JS_NULL)
    return FALSE;

  /* what is left: booleans become numbers, arrays and objects strings, and
   * a number against a string compares as numbers */
  to_primitive (ctx, a, &pa);
  to_primitive (ctx, b, &pb);
  if (pa.type == JS_STRING && pb.type == JS_STRING)
    equal = strcmp (pa.string, pb.string) == 0;
  else
    equal = prim_to_number (&pa) == prim_to_number (&pb);
  prim_clear (&pa);
  prim_clear (&pb);
  return equal;
}

/* JavaScript compares strings by UTF-16 code units */
static int
compare_strings (Ctx        *ctx,
                 const char *a,
                 const char *b)
{
  g_autofree gunichar2 *ua = NULL;
  g_autofree gunichar2 *ub = NULL;
  glong na = 0, nb = 0;

  if (!charge (ctx, (strlen (a) + strlen (b)) / 16))
    return 0;
  ua = g_utf8_to_utf16 (a, -1, NULL, &na, NULL);
  ub = g_utf8_to_utf16 (b, -1, NULL, &nb, NULL);
  if (ua == NULL || ub == NULL)
    return strcmp (a, b) < 0 ? -1 : strcmp (a, b) > 0;
  for (glong i = 0; i < na && i < nb; i++)
    if (ua[i] != ub[i])
      return ua[i] < ub[i] ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

#define UNORDERED 2

/* -1, 0 or 1 as a is less than, equal to or more than b for <, <=, >, >=;
 * UNORDERED when a number is NaN and every comparison is false.
 */
static int
js_compare (Ctx      *ctx,
            JsonNode *a,
            JsonNode *b)
{
  JsPrim pa, pb;
  int result;

  to_primitive (ctx, a, &pa);
  to_primitive (ctx, b, &pb);
  if (pa.type == JS_STRING && pb.type == JS_STRING)
    result = compare_strings (ctx, pa.string, pb.string);
  else
    {
      double na = prim_to_number (&pa);
      double nb = prim_to_number (&pb);

      if (isnan (na) || isnan (nb))
        result = UNORDERED;
      else
        result = na < nb ? -1 : na > nb;
    }
  prim_clear (&pa);
  prim_clear (&pb);
  return result;
}

static JsonNode *
string_property (Ctx        *ctx,
                 const char *string,
                 const char *key,
                 guint64     index)
{
  g_autofree char *owned = NULL;
  const char *s = valid_utf8 (string, &owned);
  glong len;
  const char *at;
  g_autofree char *c = NULL;

  if (!charge (ctx, strlen (s) / 16))
    return NULL;
  len = g_utf8_strlen (s, -1);
  if (strcmp (key, "length") == 0)
    return json_node_init_int (json_node_alloc (), len);
  if (index >= (guint64) len)
    return NULL;
  at = g_utf8_offset_to_pointer (s, index);
  c = g_strndup (at, g_utf8_next_char (at) - at);
  return new_string (c);
}

/* value[key], for what JSON holds: members of objects, elements and
 * "length" of arrays, characters and "length" of strings
 */
static JsonNode *
get_property (Ctx        *ctx,
              JsonNode   *value,
              const char *key)
{
  guint64 index = G_MAXUINT64;
  JsonArray *array;

  /* only canonical indexes: "01" is no index in JavaScript */
  if (key[0] == '0' && key[1] == '\0')
    index = 0;
  else if (key[0] >= '1' && key[0] <= '9' && strlen (key) <= 10 &&
           strspn (key, "0123456789") == strlen (key))
    index = g_ascii_strtoull (key, NULL, 10);

  if (js_type (value) == JS_STRING)
    return string_property (ctx, string_of (value), key, index);
  if (JSON_NODE_HOLDS_OBJECT (value))
    return share (json_object_get_member (json_node_get_object (value), key));
  if (!JSON_NODE_HOLDS_ARRAY (value))
    return NULL;

  array = json_node_get_array (value);
  if (strcmp (key, "length") == 0)
    return json_node_init_int (json_node_alloc (), json_array_get_length (array));
  if (index < json_array_get_length (array))
    return share (json_array_get_element (array, index));
  return NULL;
}

/* String.prototype.substr, in characters */
static char *
js_substr (const char *s,
           double      start,
           gboolean    has_length,
           double      length)
{
  glong size = g_utf8_strlen (s, -1);
  const char *from;
  const char *to;

  if (start < 0)
    start = MAX (size + start, 0);
  else
    start = MIN (start, size);
  if (!has_length)
    length = size;
  length = CLAMP (length, 0, size);
  from = g_utf8_offset_to_pointer (s, (glong) start);
  to = g_utf8_offset_to_pointer (s, (glong) MIN (start + length, size));
  return g_strndup (from, to - from);
}

/* Short-circuiting operators */

static JsonNode *
op_if (Ctx      *ctx,
       JsonNode *values,
       JsonNode *data)
{
  guint n = yc_json_logic_n_args (values);
  guint i;

  for (i = 0; i + 1 < n; i += 2)
    {
      JsonNode *condition = eval (ctx, yc_json_logic_arg (values, i), data);
      gboolean holds = yc_json_logic_truthy (condition);

      clear_value (&condition);
      if (ctx->error != NULL)
        return NULL;
      if (holds)
        return eval (ctx, yc_json_logic_arg (values, i + 1), data);
    }
  if (n == i + 1)
    return eval (ctx, yc_json_logic_arg (values, i), data);
  return new_null ();
}

static JsonNode *
and_or (Ctx      *ctx,
        JsonNode *values,
        JsonNode *data,
        gboolean  stop_when)
{
  JsonNode *current = NULL;
  guint n = yc_json_logic_n_args (values);

  for (guint i = 0; i < n; i++)
    {
      clear_value (&current);
      current = eval (ctx, yc_json_logic_arg (values, i), data);
      if (ctx->error != NULL)
        return NULL;
      if (yc_json_logic_truthy (current) == stop_when)
        break;
    }
  return current;
}

static JsonNode *
op_and (Ctx      *ctx,
        JsonNode *values,
        JsonNode *data)
{
  return and_or (ctx, values, data, FALSE);
}

static JsonNode *
op_or (Ctx      *ctx,
       JsonNode *values,
       JsonNode *data)
{
  return and_or (ctx, values, data, TRUE);
}

/* Operators that run a rule on each element */

static JsonArray *
scoped_array (Ctx       *ctx,
              JsonNode  *values,
              JsonNode  *data,
              JsonNode **holder)
{
  *holder = eval (ctx, yc_json_logic_arg (values, 0), data);
  if (*holder == NULL || !JSON_NODE_HOLDS_ARRAY (*holder))
    return NULL;
  return json_node_get_array (*holder);
}

static JsonNode *
op_map (Ctx      *ctx,
        JsonNode *values,
        JsonNode *data)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *scoped = scoped_array (ctx, values, data, &holder);
  JsonNode *logic = yc_json_logic_arg (values, 1);
  JsonArray *result;
  guint n;

  if (ctx->error != NULL)
    return NULL;
  n = scoped != NULL ? json_array_get_length (scoped) : 0;
  result = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *mapped = eval (ctx, logic, json_array_get_element (scoped, i));

      if (ctx->error != NULL)
        {
          json_array_unref (result);
          return NULL;
        }
      json_array_add_element (result, mapped != NULL ? mapped : new_null ());
    }
  return built_array (ctx, result);
}

static JsonNode *
op_filter (Ctx      *ctx,
           JsonNode *values,
           JsonNode *data)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *scoped = scoped_array (ctx, values, data, &holder);
  JsonNode *logic = yc_json_logic_arg (values, 1);
  JsonArray *result;
  guint n;

  if (ctx->error != NULL)
    return NULL;
  n = scoped != NULL ? json_array_get_length (scoped) : 0;
  result = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (scoped, i);
      JsonNode *kept = eval (ctx, logic, element);
      gboolean keep = yc_json_logic_truthy (kept);

      clear_value (&kept);
      if (ctx->error != NULL)
        {
          json_array_unref (result);
          return NULL;
        }
      if (keep)
        json_array_add_element (result, json_node_copy (element));
    }
  return built_array (ctx, result);
}

static JsonNode *
op_reduce (Ctx      *ctx,
           JsonNode *values,
           JsonNode *data)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *scoped = scoped_array (ctx, values, data, &holder);
  JsonNode *logic = yc_json_logic_arg (values, 1);
  JsonNode *initial = yc_json_logic_arg (values, 2);
  JsonNode *accumulator;

  if (ctx->error != NULL)
    return NULL;
  accumulator = initial != NULL ? eval (ctx, initial, data) : new_null ();
  if (ctx->error != NULL || scoped == NULL)
    return accumulator;

  for (guint i = 0; i < json_array_get_length (scoped); i++)
    {
      JsonObject *scope = json_object_new ();
      JsonNode *scope_node;

      json_object_set_member (scope, "current", json_node_copy (json_array_get_element (scoped, i)));
      /* an undefined accumulator reads as missing, so "var" gives its default */
      if (accumulator != NULL)
        json_object_set_member (scope, "accumulator", g_steal_pointer (&accumulator));
      scope_node = built (ctx, json_node_init_object (json_node_alloc (), scope));
      json_object_unref (scope);
      if (scope_node == NULL)
        return NULL;
      accumulator = eval (ctx, logic, scope_node);
      json_node_unref (scope_node);
      if (ctx->error != NULL)
        return NULL;
    }
  return accumulator;
}

/* all, none and some */
static JsonNode *
quantify (Ctx      *ctx,
          JsonNode *values,
          JsonNode *data,
          gboolean  stop_when,
          gboolean  if_empty)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *scoped = scoped_array (ctx, values, data, &holder);
  JsonNode *logic = yc_json_logic_arg (values, 1);

  if (ctx->error != NULL)
    return NULL;
  if (scoped == NULL || json_array_get_length (scoped) == 0)
    return new_boolean (if_empty);
  for (guint i = 0; i < json_array_get_length (scoped); i++)
    {
      JsonNode *result = eval (ctx, logic, json_array_get_element (scoped, i));
      gboolean holds = yc_json_logic_truthy (result);

      clear_value (&result);
      if (ctx->error != NULL)
        return NULL;
      if (holds == stop_when)
        return new_boolean (stop_when);
    }
  return new_boolean (!stop_when);
}

static JsonNode *
op_all (Ctx      *ctx,
        JsonNode *values,
        JsonNode *data)
{
  /* all of nothing is false in JsonLogic */
  return quantify (ctx, values, data, FALSE, FALSE);
}

static JsonNode *
op_some (Ctx      *ctx,
         JsonNode *values,
         JsonNode *data)
{
  return quantify (ctx, values, data, TRUE, FALSE);
}

static JsonNode *
op_none (Ctx      *ctx,
         JsonNode *values,
         JsonNode *data)
{
  JsonNode *some = quantify (ctx, values, data, TRUE, FALSE);
  gboolean none;

  if (some == NULL)
    return NULL;
  none = !json_node_get_boolean (some);
  json_node_unref (some);
  return new_boolean (none);
}

/* Comparison and logic */

static JsonNode *
op_loose_equal (Ctx        *ctx,
                const Args *args,
                JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (loose_equal (ctx, arg (args, 0), arg (args, 1)));
}

static JsonNode *
op_strict_equal (Ctx        *ctx G_GNUC_UNUSED,
                 const Args *args,
                 JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (strict_equal (arg (args, 0), arg (args, 1)));
}

static JsonNode *
op_loose_not_equal (Ctx        *ctx,
                    const Args *args,
                    JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (!loose_equal (ctx, arg (args, 0), arg (args, 1)));
}

static JsonNode *
op_strict_not_equal (Ctx        *ctx G_GNUC_UNUSED,
                     const Args *args,
                     JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (!strict_equal (arg (args, 0), arg (args, 1)));
}

static JsonNode *
op_greater (Ctx        *ctx,
            const Args *args,
            JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (js_compare (ctx, arg (args, 0), arg (args, 1)) == 1);
}

static JsonNode *
op_greater_equal (Ctx        *ctx,
                  const Args *args,
                  JsonNode   *data G_GNUC_UNUSED)
{
  int order = js_compare (ctx, arg (args, 0), arg (args, 1));

  return new_boolean (order == 0 || order == 1);
}

/* {"<": [a, b, c]} is a < b < c */
static JsonNode *
op_less (Ctx        *ctx,
         const Args *args,
         JsonNode   *data G_GNUC_UNUSED)
{
  gboolean result = js_compare (ctx, arg (args, 0), arg (args, 1)) == -1;

  if (result && arg (args, 2) != NULL)
    result = js_compare (ctx, arg (args, 1), arg (args, 2)) == -1;
  return new_boolean (result);
}

static JsonNode *
op_less_equal (Ctx        *ctx,
               const Args *args,
               JsonNode   *data G_GNUC_UNUSED)
{
  int order = js_compare (ctx, arg (args, 0), arg (args, 1));
  gboolean result = order == -1 || order == 0;

  if (result && arg (args, 2) != NULL)
    {
      order = js_compare (ctx, arg (args, 1), arg (args, 2));
      result = order == -1 || order == 0;
    }
  return new_boolean (result);
}

static JsonNode *
op_not (Ctx        *ctx G_GNUC_UNUSED,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (!yc_json_logic_truthy (arg (args, 0)));
}

static JsonNode *
op_truthy (Ctx        *ctx G_GNUC_UNUSED,
           const Args *args,
           JsonNode   *data G_GNUC_UNUSED)
{
  return new_boolean (yc_json_logic_truthy (arg (args, 0)));
}

static JsonNode *
op_log (Ctx        *ctx G_GNUC_UNUSED,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  return share (arg (args, 0));
}

/* Arithmetic */

static JsonNode *
op_add (Ctx        *ctx,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  double sum = 0;
  gboolean ints = TRUE;

  for (guint i = 0; i < args->n; i++)
    {
      /* parseFloat (sum) turns -0 into 0 */
      sum = (sum == 0 ? 0 : sum) + parse_float (ctx, args->v[i]);
      ints = ints && is_int_typed (args->v[i]);
    }
  return new_number (sum, ints);
}

static JsonNode *
op_multiply (Ctx        *ctx,
             const Args *args,
             JsonNode   *data G_GNUC_UNUSED)
{
  double product;
  gboolean ints;

  /* json-logic-js reduces without a start value: nothing is a TypeError,
   * and one value comes back as it is, unconverted */
  if (args->n == 0)
    {
      fail (ctx, YC_JSON_LOGIC_ERROR_INVALID, _("“%s” needs at least one value"), "*");
      return NULL;
    }
  if (args->n == 1)
    return share (args->v[0]);

  product = parse_float (ctx, args->v[0]);
  ints = is_int_typed (args->v[0]);
  for (guint i = 1; i < args->n; i++)
    {
      product = (product == 0 ? 0 : product) * parse_float (ctx, args->v[i]);
      ints = ints && is_int_typed (args->v[i]);
    }
  return new_number (product, ints);
}

static JsonNode *
op_subtract (Ctx        *ctx,
             const Args *args,
             JsonNode   *data G_GNUC_UNUSED)
{
  JsonNode *a = arg (args, 0);
  JsonNode *b = arg (args, 1);

  if (b == NULL)
    return new_number (-to_number (ctx, a), is_int_typed (a));
  return new_number (to_number (ctx, a) - to_number (ctx, b), is_int_typed (a) && is_int_typed (b));
}

static JsonNode *
op_divide (Ctx        *ctx,
           const Args *args,
           JsonNode   *data G_GNUC_UNUSED)
{
  JsonNode *a = arg (args, 0);
  JsonNode *b = arg (args, 1);

  return new_number (to_number (ctx, a) / to_number (ctx, b), is_int_typed (a) && is_int_typed (b));
}

static JsonNode *
op_modulo (Ctx        *ctx,
           const Args *args,
           JsonNode   *data G_GNUC_UNUSED)
{
  JsonNode *a = arg (args, 0);
  JsonNode *b = arg (args, 1);

  return new_number (fmod (to_number (ctx, a), to_number (ctx, b)), is_int_typed (a) && is_int_typed (b));
}

static JsonNode *
min_max (Ctx        *ctx,
         const Args *args,
         gboolean    max)
{
  double result = max ? -INFINITY : INFINITY;
  gboolean ints = TRUE;
  gboolean nan = FALSE;

  for (guint i = 0; i < args->n; i++)
    {
      double n = to_number (ctx, args->v[i]);

      ints = ints && is_int_typed (args->v[i]);
      if (isnan (n))
        nan = TRUE;
      else if (max ? n > result || (n == 0 && result == 0 && !signbit (n))
                   : n < result || (n == 0 && result == 0 && signbit (n)))
        result = n;
    }
  return new_number (nan ? NAN : result, ints);
}

static JsonNode *
op_min (Ctx        *ctx,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  return min_max (ctx, args, FALSE);
}

static JsonNode *
op_max (Ctx        *ctx,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  return min_max (ctx, args, TRUE);
}

/* Strings and arrays */

static JsonNode *
op_in (Ctx        *ctx,
       const Args *args,
       JsonNode   *data G_GNUC_UNUSED)
{
  JsonNode *needle = arg (args, 0);
  JsonNode *haystack = arg (args, 1);

  if (!js_boolean (haystack))
    return new_boolean (FALSE);

  if (js_type (haystack) == JS_STRING)
    {
      g_autofree char *text = to_js_string (ctx, needle);
      const char *s = string_of (haystack);

      if (!charge (ctx, strlen (s) / 16))
        return NULL;
      return new_boolean (strstr (s, text) != NULL);
    }

  if (JSON_NODE_HOLDS_ARRAY (haystack))
    {
      JsonArray *array = json_node_get_array (haystack);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!charge (ctx, 1))
            return NULL;
          if (strict_equal (needle, json_array_get_element (array, i)))
            return new_boolean (TRUE);
        }
    }
  return new_boolean (FALSE);
}

static JsonNode *
op_cat (Ctx        *ctx,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < args->n; i++)
    {
      JsType type = js_type (args->v[i]);

      if (type != JS_NULL && type != JS_UNDEFINED &&
          !append_js_string (ctx, out, args->v[i], 0))
        return NULL;
    }
  return new_string (out->str);
}

/* A negative length counts from the end, as in PHP, which json-logic-js
 * copies by cutting the tail off; its arithmetic is JavaScript's "+", so
 * a negative length given as a string concatenates into no number at all.
 */
static JsonNode *
op_substr (Ctx        *ctx,
           const Args *args,
           JsonNode   *data G_GNUC_UNUSED)
{
  g_autofree char *text = to_js_string (ctx, arg (args, 0));
  g_autofree char *owned = NULL;
  g_autofree char *result = NULL;
  const char *s;
  double start = to_integer (ctx, arg (args, 1));
  JsonNode *length = arg (args, 2);

  if (ctx->error != NULL)
    return NULL;
  s = valid_utf8 (text, &owned);
  if (length != NULL && to_number (ctx, length) < 0)
    {
      g_autofree char *tail = js_substr (s, start, FALSE, 0);

      if (js_type (length) == JS_NUMBER)
        result = js_substr (tail, 0, TRUE, trunc (g_utf8_strlen (tail, -1) + json_node_get_double (length)));
      else
        result = g_strdup ("");
    }
  else
    result = js_substr (s, start, length != NULL, length != NULL ? to_integer (ctx, length) : 0);

  return new_string (result);
}

static JsonNode *
op_merge (Ctx        *ctx,
          const Args *args,
          JsonNode   *data G_GNUC_UNUSED)
{
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < args->n; i++)
    {
      JsonNode *value = args->v[i];

      if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          if (!charge (ctx, json_array_get_length (array)))
            break;
          for (guint j = 0; j < json_array_get_length (array); j++)
            json_array_add_element (result, json_node_copy (json_array_get_element (array, j)));
        }
      else
        json_array_add_element (result, value != NULL ? json_node_copy (value) : new_null ());
    }
  if (ctx->error != NULL)
    {
      json_array_unref (result);
      return NULL;
    }
  return built_array (ctx, result);
}

/* Data */

static JsonNode *
op_var (Ctx        *ctx,
        const Args *args,
        JsonNode   *data)
{
  JsonNode *path = arg (args, 0);
  JsonNode *fallback = arg (args, 1);
  JsType type = js_type (path);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) current = NULL;
  char *segment;

  if (type == JS_UNDEFINED || type == JS_NULL ||
      (type == JS_STRING && string_of (path)[0] == '\0'))
    return share (data);

  text = to_js_string (ctx, path);
  current = share (data);
  segment = text;
  for (;;)
    {
      char *dot = strchr (segment, '.');
      JsonNode *next;

      if (dot != NULL)
        *dot = '\0';
      if (!charge (ctx, 1))
        return NULL;
      if (current == NULL || JSON_NODE_HOLDS_NULL (current) ||
          (next = get_property (ctx, current, segment)) == NULL)
        return fallback != NULL ? share (fallback) : new_null ();
      json_node_unref (current);
      current = next;
      if (dot == NULL)
        break;
      segment = dot + 1;
    }
  return g_steal_pointer (&current);
}

static JsonNode *
op_missing (Ctx        *ctx,
            const Args *args,
            JsonNode   *data)
{
  JsonArray *result = json_array_new ();
  JsonNode *first = arg (args, 0);
  JsonArray *list = first != NULL && JSON_NODE_HOLDS_ARRAY (first) ? json_node_get_array (first) : NULL;
  guint n = list != NULL ? json_array_get_length (list) : args->n;

  for (guint i = 0; i < n && ctx->error == NULL; i++)
    {
      JsonNode *key = list != NULL ? json_array_get_element (list, i) : args->v[i];
      JsonNode *value;
      JsType type;

      /* json-logic-js looks each name up by running {"var": name}, so a
       * name that is itself a list holds a default, and so on */
      if (key == NULL)
        value = share (data);
      else
        {
          JsonObject *object = json_object_new ();
          JsonNode *lookup;

          json_object_set_member (object, "var", json_node_copy (key));
          lookup = json_node_init_object (json_node_alloc (), object);
          json_object_unref (object);
          value = eval (ctx, lookup, data);
          json_node_unref (lookup);
        }
      type = js_type (value);
      if (type == JS_NULL || (type == JS_STRING && string_of (value)[0] == '\0'))
        json_array_add_element (result, key != NULL ? json_node_copy (key) : new_null ());
      clear_value (&value);
    }
  if (ctx->error != NULL)
    {
      json_array_unref (result);
      return NULL;
    }
  return built_array (ctx, result);
}

static JsonNode *
op_missing_some (Ctx        *ctx,
                 const Args *args,
                 JsonNode   *data)
{
  JsonNode *need = arg (args, 0);
  JsonNode *options = arg (args, 1);
  JsType type = js_type (options);
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) present = NULL;
  JsonObject *object;
  JsonNode *lookup;
  double count = NAN;
  int order;

  if (type == JS_UNDEFINED || type == JS_NULL)
    {
      fail (ctx, YC_JSON_LOGIC_ERROR_INVALID, _("“%s” needs a list of names"), "missing_some");
      return NULL;
    }

  object = json_object_new ();
  json_object_set_member (object, "missing", json_node_copy (options));
  lookup = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  missing = eval (ctx, lookup, data);
  json_node_unref (lookup);
  if (ctx->error != NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (options))
    count = json_array_get_length (json_node_get_array (options));
  else if (type == JS_STRING)
    {
      g_autofree char *owned = NULL;

      count = g_utf8_strlen (valid_utf8 (string_of (options), &owned), -1);
    }
  if (missing != NULL && JSON_NODE_HOLDS_ARRAY (missing))
    count -= json_array_get_length (json_node_get_array (missing));
  else
    count = NAN;

  present = json_node_init_double (json_node_alloc (), count);
  order = js_compare (ctx, present, need);
  if (order == 0 || order == 1)
    return built_array (ctx, json_array_new ());
  return g_steal_pointer (&missing);
}

/* Project operators */

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  *out = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *out = *out * 10 + (s[i] - '0');
    }
  return TRUE;
}

static gboolean
valid_date (int year,
            int month,
            int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
         g_date_valid_dmy (day, month, year);
}

/* "YYYY-MM-DD" */
static gboolean
parse_date (JsonNode *value,
            int      *year,
            int      *month,
            int      *day)
{
  const char *s;

  if (js_type (value) != JS_STRING)
    return FALSE;
  s = string_of (value);
  return strlen (s) == 10 && s[4] == '-' && s[7] == '-' &&
         parse_digits (s, 4, year) && parse_digits (s + 5, 2, month) && parse_digits (s + 8, 2, day) &&
         valid_date (*year, *month, *day);
}

/* The 18 ASCII characters of a citizen ID number, or NULL */
static const char *
id_number (JsonNode *value)
{
  const char *s;

  if (js_type (value) != JS_STRING)
    return NULL;
  s = string_of (value);
  if (strlen (s) != 18)
    return NULL;
  for (guint i = 0; i < 18; i++)
    if (!g_ascii_isalnum (s[i]))
      return NULL;
  return s;
}

static JsonNode *
op_id_birth (Ctx        *ctx G_GNUC_UNUSED,
             const Args *args,
             JsonNode   *data G_GNUC_UNUSED)
{
  const char *id = id_number (arg (args, 0));
  int year, month, day;
  g_autofree char *date = NULL;

  if (id == NULL ||
      !parse_digits (id + 6, 4, &year) || !parse_digits (id + 10, 2, &month) || !parse_digits (id + 12, 2, &day) ||
      !valid_date (year, month, day))
    return new_null ();
  date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return new_string (date);
}

static JsonNode *
op_id_sex (Ctx        *ctx G_GNUC_UNUSED,
           const Args *args,
           JsonNode   *data G_GNUC_UNUSED)
{
  const char *id = id_number (arg (args, 0));

  if (id == NULL || !g_ascii_isdigit (id[16]))
    return new_null ();
  return new_string ((id[16] - '0') % 2 == 1 ? "M" : "F");
}

static JsonNode *
op_age (Ctx        *ctx G_GNUC_UNUSED,
        const Args *args,
        JsonNode   *data G_GNUC_UNUSED)
{
  int year, month, day;
  int on_year, on_month, on_day;
  int years;

  if (!parse_date (arg (args, 0), &year, &month, &day))
    return new_null ();
  if (arg (args, 1) == NULL)
    {
      GDate today;

      /* not a local GDateTime: GLib 2.74 reads /etc/localtime for each */
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      on_year = g_date_get_year (&today);
      on_month = g_date_get_month (&today);
      on_day = g_date_get_day (&today);
    }
  else if (!parse_date (arg (args, 1), &on_year, &on_month, &on_day))
    return new_null ();

  years = on_year - year;
  if (on_month < month || (on_month == month && on_day < day))
    years--;
  if (years < 0)
    return new_null ();
  return json_node_init_int (json_node_alloc (), years);
}

/* Evaluation */

static const Operator operators[] = {
  { "==",           op_loose_equal,      NULL,      2,  2 },
  { "===",          op_strict_equal,     NULL,      2,  2 },
  { "!=",           op_loose_not_equal,  NULL,      2,  2 },
  { "!==",          op_strict_not_equal, NULL,      2,  2 },
  { ">",            op_greater,          NULL,      2,  2 },
  { ">=",           op_greater_equal,    NULL,      2,  2 },
  { "<",            op_less,             NULL,      2,  3 },
  { "<=",           op_less_equal,       NULL,      2,  3 },
  { "!",            op_not,              NULL,      1,  1 },
  { "!!",           op_truthy,           NULL,      1,  1 },
  { "if",           NULL,                op_if,     0, -1 },
  { "?:",           NULL,                op_if,     3,  3 },
  { "and",          NULL,                op_and,    0, -1 },
  { "or",           NULL,                op_or,     0, -1 },
  { "var",          op_var,              NULL,      0,  2 },
  { "missing",      op_missing,          NULL,      0, -1 },
  { "missing_some", op_missing_some,     NULL,      2,  2 },
  { "in",           op_in,               NULL,      2,  2 },
  { "cat",          op_cat,              NULL,      0, -1 },
  { "substr",       op_substr,           NULL,      2,  3 },
  { "merge",        op_merge,            NULL,      0, -1 },
  { "map",          NULL,                op_map,    2,  2 },
  { "filter",       NULL,                op_filter, 2,  2 },
  { "reduce",       NULL,                op_reduce, 2,  3 },
  { "all",          NULL,                op_all,    2,  2 },
  { "none",         NULL,                op_none,   2,  2 },
  { "some",         NULL,                op_some,   2,  2 },
  { "+",            op_add,              NULL,      0, -1 },
  { "-",            op_subtract,         NULL,      1,  2 },
  { "*",            op_multiply,         NULL,      1, -1 },
  { "/",            op_divide,           NULL,      2,  2 },
  { "%",            op_modulo,           NULL,      2,  2 },
  { "min",          op_min,              NULL,      0, -1 },
  { "max",          op_max,              NULL,      0, -1 },
  { "log",          op_log,              NULL,      1,  1 },
  { "id_birth",     op_id_birth,         NULL,      1,  1 },
  { "id_sex",       op_id_sex,           NULL,      1,  1 },
  { "age",          op_age,              NULL,      1,  2 },
};

static const Operator *
find_operator (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (strcmp (operators[i].name, name) == 0)
      return &operators[i];
  return NULL;
}

static JsonNode *
eval_array (Ctx      *ctx,
            JsonNode *rule,
            JsonNode *data)
{
  JsonArray *array = json_node_get_array (rule);
  guint n = json_array_get_length (array);
  JsonArray *result = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *value = eval (ctx, json_array_get_element (array, i), data);

      if (ctx->error != NULL)
        {
          json_array_unref (result);
          return NULL;
        }
      json_array_add_element (result, value != NULL ? value : new_null ());
    }
  return built_array (ctx, result);
}

static JsonNode *
eval_eager (Ctx            *ctx,
            const Operator *op,
            JsonNode       *values,
            JsonNode       *data)
{
  Args args;
  JsonNode *result = NULL;

  args.n = yc_json_logic_n_args (values);
  args.v = g_new0 (JsonNode *, args.n + 1);
  for (guint i = 0; i < args.n && ctx->error == NULL; i++)
    args.v[i] = eval (ctx, yc_json_logic_arg (values, i), data);
  if (ctx->error == NULL)
    result = op->eager (ctx, &args, data);
  for (guint i = 0; i < args.n; i++)
    clear_value (&args.v[i]);
  g_free (args.v);
  return result;
}

/* Returns a new value, or NULL for undefined and on error (in ctx) */
static JsonNode *
eval (Ctx      *ctx,
      JsonNode *rule,
      JsonNode *data)
{
  JsonNode *result = NULL;
  const Operator *op;
  const char *name;
  JsonNode *values = NULL;

  if (rule == NULL || !charge (ctx, 1))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (rule) && !yc_json_logic_is_operation (rule))
    return json_node_copy (rule);
  if (ctx->depth >= YC_JSON_LOGIC_MAX_DEPTH)
    {
      fail (ctx, YC_JSON_LOGIC_ERROR_TOO_DEEP,
            _("The rule is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_DEPTH);
      return NULL;
    }

  ctx->depth++;
  if (JSON_NODE_HOLDS_ARRAY (rule))
    result = eval_array (ctx, rule, data);
  else
    {
      name = yc_json_logic_operation (rule, &values);
      op = find_operator (name);
      if (op == NULL)
        {
          g_autofree char *owned = NULL;

          fail (ctx, YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, _("Unknown operator “%s”"), valid_utf8 (name, &owned));
        }
      else if (op->lazy != NULL)
        result = op->lazy (ctx, values, data);
      else
        result = eval_eager (ctx, op, values, data);
    }
  ctx->depth--;

  if (ctx->error != NULL)
    clear_value (&result);
  return result;
}

/* A result of its own, in JSON: undefined, NaN and infinities as null, as
 * JSON.stringify writes them, and nothing shared with the rule or data, so
 * the caller may change it or store it back into data.
 */
static JsonNode *
export_value (Ctx      *ctx,
              JsonNode *value,
              guint     level)
{
  JsonNode *node;

  if (!charge (ctx, 1))
    return NULL;
  if (level > YC_JSON_LOGIC_MAX_VALUE_DEPTH)
    {
      fail (ctx, YC_JSON_LOGIC_ERROR_TOO_DEEP,
            _("A value is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_VALUE_DEPTH);
      return NULL;
    }

  switch (js_type (value))
    {
    case JS_UNDEFINED:
    case JS_NULL:
      return new_null ();
    case JS_BOOLEAN:
      return new_boolean (json_node_get_boolean (value));
    case JS_NUMBER:
      if (json_node_get_value_type (value) == G_TYPE_INT64)
        return json_node_init_int (json_node_alloc (), json_node_get_int (value));
      if (!isfinite (json_node_get_double (value)))
        return new_null ();
      /* JSON.stringify (-0) is "0" */
      return json_node_init_double (json_node_alloc (), json_node_get_double (value) + 0.0);
    case JS_STRING:
      {
        g_autofree char *owned = NULL;

        if (!charge (ctx, strlen (string_of (value)) / 16))
          return NULL;
        return new_string (valid_utf8 (string_of (value), &owned));
      }
    case JS_OBJECT:
      break;
    }

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = export_value (ctx, json_array_get_element (array, i), level + 1);

          if (element == NULL)
            {
              json_array_unref (copy);
              return NULL;
            }
          json_array_add_element (copy, element);
        }
      node = json_node_init_array (json_node_alloc (), copy);
      json_array_unref (copy);
      return node;
    }
  else
    {
      JsonObject *copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (value));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          JsonNode *element = export_value (ctx, member, level + 1);
          g_autofree char *owned = NULL;

          if (element == NULL)
            {
              json_object_unref (copy);
              return NULL;
            }
          json_object_set_member (copy, valid_utf8 (name, &owned), element);
        }
      node = json_node_init_object (json_node_alloc (), copy);
      json_object_unref (copy);
      return node;
    }
}

/* Static checks */

static gboolean
check_rule (JsonNode  *rule,
            guint      depth,
            GError   **error)
{
  const Operator *op;
  const char *name;
  JsonNode *values = NULL;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (rule) && !yc_json_logic_is_operation (rule))
    return TRUE;
  if (depth >= YC_JSON_LOGIC_MAX_DEPTH)
    {
      g_set_error (error, YC_JSON_LOGIC_ERROR, YC_JSON_LOGIC_ERROR_TOO_DEEP,
                   _("The rule is nested more than %d levels deep"), YC_JSON_LOGIC_MAX_DEPTH);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_ARRAY (rule))
    {
      JsonArray *array = json_node_get_array (rule);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!check_rule (json_array_get_element (array, i), depth + 1, error))
          return FALSE;
      return TRUE;
    }

  name = yc_json_logic_operation (rule, &values);
  if ((op = find_operator (name)) == NULL)
    {
      g_autofree char *owned = NULL;

      g_set_error (error, YC_JSON_LOGIC_ERROR, YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR,
                   _("Unknown operator “%s”"), valid_utf8 (name, &owned));
      return FALSE;
    }

  n = yc_json_logic_n_args (values);
  if ((gint) n < op->min_args || (op->max_args >= 0 && (gint) n > op->max_args))
    {
      if (op->min_args == op->max_args)
        g_set_error (error, YC_JSON_LOGIC_ERROR, YC_JSON_LOGIC_ERROR_INVALID,
                     dngettext (GETTEXT_PACKAGE,
                                "“%s” takes %d value, not %u", "“%s” takes %d values, not %u", op->min_args),
                     name, op->min_args, n);
      else if (op->max_args < 0)
        g_set_error (error, YC_JSON_LOGIC_ERROR, YC_JSON_LOGIC_ERROR_INVALID,
                     dngettext (GETTEXT_PACKAGE, "“%s” takes at least %d value, not %u",
                               "“%s” takes at least %d values, not %u", op->min_args),
                     name, op->min_args, n);
      else
        g_set_error (error, YC_JSON_LOGIC_ERROR, YC_JSON_LOGIC_ERROR_INVALID,
                     _("“%s” takes %d to %d values, not %u"), name, op->min_args, op->max_args, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    if (!check_rule (yc_json_logic_arg (values, i), depth + 1, error))
      return FALSE;
  return TRUE;
}

/* Variables */

static void
add_name (GPtrArray  *out,
          const char *name)
{
  g_autofree char *owned = NULL;

  name = valid_utf8 (name, &owned);
  for (guint i = 0; i < out->len; i++)
    if (strcmp (g_ptr_array_index (out, i), name) == 0)
      return;
  g_ptr_array_add (out, g_strdup (name));
}

/* A name as "var" reads it, with the member of data it starts from */
static void
add_path (GPtrArray *out,
          JsonNode  *path)
{
  Ctx ctx = { 0, G_MAXINT64, NULL, NULL };
  g_autofree char *text = NULL;
  char *dot;

  switch (js_type (path))
    {
    case JS_UNDEFINED:
    case JS_NULL:
      text = g_strdup ("");
      break;
    case JS_BOOLEAN:
    case JS_NUMBER:
    case JS_STRING:
      text = to_js_string (&ctx, path);
      break;
    case JS_OBJECT:
      return;
    }
  add_name (out, text);
  if ((dot = strchr (text, '.')) != NULL)
    {
      *dot = '\0';
      add_name (out, text);
    }
}

static void collect_vars (JsonNode  *rule,
                          GPtrArray *out,
                          guint      depth);

/* The names "missing" and "missing_some" look up */
static void
collect_names (JsonNode  *names,
               GPtrArray *out,
               guint      depth)
{
  if (names != NULL && JSON_NODE_HOLDS_ARRAY (names))
    {
      JsonArray *array = json_node_get_array (names);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_names (json_array_get_element (array, i), out, depth + 1);
    }
  else if (names != NULL && yc_json_logic_is_operation (names))
    collect_vars (names, out, depth + 1);
  else if (js_type (names) == JS_STRING || js_type (names) == JS_NUMBER)
    add_path (out, names);
}

static void
collect_vars (JsonNode  *rule,
              GPtrArray *out,
              guint      depth)
{
  const char *name;
  JsonNode *values = NULL;
  guint n;

  if (rule == NULL || depth >= YC_JSON_LOGIC_MAX_DEPTH)
    return;
  if (JSON_NODE_HOLDS_ARRAY (rule))
    {
      JsonArray *array = json_node_get_array (rule);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_vars (json_array_get_element (array, i), out, depth + 1);
      return;
    }
  if (!yc_json_logic_is_operation (rule))
    return;

  name = yc_json_logic_operation (rule, &values);
  n = yc_json_logic_n_args (values);
  if (strcmp (name, "var") == 0)
    {
      JsonNode *path = yc_json_logic_arg (values, 0);

      if (path != NULL && (JSON_NODE_HOLDS_ARRAY (path) || yc_json_logic_is_operation (path)))
        collect_vars (path, out, depth + 1);
      else
        add_path (out, path);
      collect_vars (yc_json_logic_arg (values, 1), out, depth + 1);
    }
  else if (strcmp (name, "missing") == 0)
    {
      for (guint i = 0; i < n; i++)
        collect_names (yc_json_logic_arg (values, i), out, depth + 1);
    }
  else if (strcmp (name, "missing_some") == 0)
    {
      collect_vars (yc_json_logic_arg (values, 0), out, depth + 1);
      collect_names (yc_json_logic_arg (values, 1), out, depth + 1);
    }
  else if (strcmp (name, "map") == 0 || strcmp (name, "filter") == 0 || strcmp (name, "reduce") == 0 ||
           strcmp (name, "all") == 0 || strcmp (name, "none") == 0 || strcmp (name, "some") == 0)
    {
      /* the rule applied to each element reads the element, not data */
      collect_vars (yc_json_logic_arg (values, 0), out, depth + 1);
      collect_vars (yc_json_logic_arg (values, 2), out, depth + 1);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        collect_vars (yc_json_logic_arg (values, i), out, depth + 1);
    }
}

/* Public API */

/**
 * yc_json_logic_apply:
 * @rule: a JsonLogic rule
 * @data: (nullable): what "var" reads
 * @error: return location for a #YcJsonLogicError
 *
 * Evaluates @rule against @data as json-logic-js would.
 *
 * Returns: (transfer full): the result, shared with neither @rule nor @data,
 *   or %NULL on error
 */
JsonNode *
yc_json_logic_apply (JsonNode  *rule,
                     JsonNode  *data,
                     GError   **error)
{
  Ctx ctx = { 0, YC_JSON_LOGIC_BUDGET, NULL, NULL };
  JsonNode *result;
  JsonNode *out = NULL;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = eval (&ctx, rule, data);
  if (ctx.error == NULL)
    out = export_value (&ctx, result, 0);
  clear_value (&result);
  g_clear_pointer (&ctx.depths, g_hash_table_unref);

  if (ctx.error != NULL)
    {
      clear_value (&out);
      g_propagate_error (error, ctx.error);
      return NULL;
    }
  return out;
}

/**
 * yc_json_logic_truthy:
 * @value: (nullable): a value; %NULL stands for JavaScript's undefined
 *
 * JsonLogic's truthiness: JavaScript's, except that an empty array is false.
 *
 * Returns: whether @value counts as true
 */
gboolean
yc_json_logic_truthy (JsonNode *value)
{
  switch (js_type (value))
    {
    case JS_UNDEFINED:
    case JS_NULL:
      return FALSE;
    case JS_BOOLEAN:
      return json_node_get_boolean (value);
    case JS_NUMBER:
      {
        double n = json_node_get_double (value);

        return n != 0 && !isnan (n);
      }
    case JS_STRING:
      return string_of (value)[0] != '\0';
    case JS_OBJECT:
      if (JSON_NODE_HOLDS_ARRAY (value))
        return json_array_get_length (json_node_get_array (value)) > 0;
      return TRUE;
    }
  return FALSE;
}

/**
 * yc_json_logic_check:
 * @rule: a JsonLogic rule
 * @error: return location for a #YcJsonLogicError naming the operator
 *
 * Checks @rule without data: every operator known, and given a number of
 * values it can use.
 *
 * Returns: %TRUE if @rule is fine
 */
gboolean
yc_json_logic_check (JsonNode  *rule,
                     GError   **error)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_rule (rule, 0, error);
}

/**
 * yc_json_logic_collect_vars:
 * @rule: a JsonLogic rule
 * @out: (element-type utf8): where to add the names, each once
 *
 * Adds to @out the names of data @rule reads through "var", "missing" and
 * "missing_some": the whole path ("a.b") and the member it starts from
 * ("a"). "" stands for the whole of data. Names read by the rule that
 * "map", "filter", "reduce", "all", "none" and "some" apply to each
 * element are left out, since they name parts of the element.
 */
void
yc_json_logic_collect_vars (JsonNode  *rule,
                            GPtrArray *out)
{
  g_return_if_fail (rule != NULL);
  g_return_if_fail (out != NULL);

  collect_vars (rule, out, 0);
}

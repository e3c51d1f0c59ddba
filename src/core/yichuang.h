/* yichuang.h: the public header of libyichuang
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-attachments.h"
#include "yc-calendar.h"
#include "yc-case-store.h"
#include "yc-catalog-entry.h"
#include "yc-catalog.h"
#include "yc-db.h"
#include "yc-event.h"
#include "yc-field-type.h"
#include "yc-form-fill.h"
#include "yc-form.h"
#include "yc-intake.h"
#include "yc-json-locate.h"
#include "yc-jsonlogic.h"
#include "yc-pinyin.h"
#include "yc-sync.h"
#include "yc-validate.h"

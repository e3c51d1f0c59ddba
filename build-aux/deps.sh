# Sourced by build-aux/run and build-aux/test: installs the Debian 12
# packages a step needs, and only those that are missing.

run_packages="meson ninja-build pkg-config gcc gettext libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libgcrypt20-dev
  glib-networking openssl desktop-file-utils appstream locales fonts-noto-cjk
  libqrencode-dev"
# the documents are read back from their PDFs (pdftotext, pdftoppm,
# zbarimg) and printed through a real CUPS queue to cups-pdf; Argon2id is
# held against the reference implementation's argon2; the form tests
# focus the window and type into it with xdotool
test_packages="$run_packages xvfb xauth libxtst-dev clang libclang-rt-14-dev nodejs
  imagemagick python3 argon2 poppler-utils zbar-tools cups cups-client cups-bsd
  printer-driver-cups-pdf xdotool"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# npm: nodejs from Debian 12 carries npm in a package of its own; a machine
# whose nodejs comes from elsewhere already has it.
need_npm() {
  command -v npm >/dev/null 2>&1 || echo npm
}

install_packages() {
  local wanted missing p
  case $1 in
    run) wanted=$run_packages ;;
    test) wanted="$test_packages $(need_npm)" ;;
  esac
  missing=
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "Installing:$missing"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  # the client speaks Chinese under zh_CN.UTF-8
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    as_root sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    as_root locale-gen >/dev/null
  fi
}

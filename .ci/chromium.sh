# Sourced by .ci/run: headless Chromium and a CJK font (Debian packages) for the HTML report
# test, which renders the page, takes a screenshot and prints it to PDF. Without them that test
# is skipped with its reason; the others run.

qaward_install_chromium() {
    command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "CJK" && return 0
    [ "$(id -u)" = 0 ] || { echo "not root"; return 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        chromium fonts-noto-cjk >/dev/null || return 1
    echo "Chromium $(chromium --version 2>/dev/null | awk '{print $2}') for the HTML report test"
}

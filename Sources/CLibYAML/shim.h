// libyaml (Debian's libyaml-dev), the YAML parser RunwayYAML composes located nodes from.
#include <yaml.h>

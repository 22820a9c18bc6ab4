#include "io/scenario_file.hpp"

#include "io/toml_params.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace thaw::io {

struct ScenarioFile::Document {
  toml::table root;
};

namespace {

std::string join_problems(const std::vector<std::string>& problems) {
  std::string s;
  for (const auto& p : problems) {
    if (!s.empty()) s += '\n';
    s += p;
  }
  return s;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

ScenarioFile::ScenarioFile(std::unique_ptr<Document> doc, std::string source)
    : doc_(std::move(doc)), source_(std::move(source)) {}
ScenarioFile::ScenarioFile(ScenarioFile&&) noexcept = default;
ScenarioFile& ScenarioFile::operator=(ScenarioFile&&) noexcept = default;
ScenarioFile::~ScenarioFile() = default;

namespace {

// Scenario files are a few kilobytes; anything far larger is not one.
constexpr size_t kMaxScenarioBytes = size_t{16} << 20;

// A counterfactual is written as the changes it makes to another scenario: its tables are laid
// over the base's. Tables merge key by key; a list of tables whose items carry an `id` merges item
// by item (an item naming an existing id changes that item, a new id is appended), so that
// `[[decision]] id = "secret-speech" enabled = false` switches one decision off; any other value
// replaces the base's. Every node keeps the file it came from, so errors still name the right file
// and line.
void lay_over(toml::table& base, toml::table& changes) {
  // Nodes are moved, not copied: toml++ keeps a node's source (file, line) only when it moves.
  for (auto&& [key, node] : changes) {
    toml::node* existing = base.get(key);
    if (existing && existing->is_table() && node.is_table()) {
      lay_over(*existing->as_table(), *node.as_table());
      continue;
    }
    toml::array* new_items = node.as_array();
    toml::array* old_items = existing ? existing->as_array() : nullptr;
    if (new_items && old_items && new_items->is_array_of_tables() && old_items->is_array_of_tables()) {
      for (auto& item : *new_items) {
        toml::table& t = *item.as_table();
        const auto id = t["id"].value<std::string>();
        toml::table* target = nullptr;
        for (auto& o : *old_items)
          if (id && (*o.as_table())["id"].value<std::string>() == id) target = o.as_table();
        if (target) {
          lay_over(*target, t);
        } else {
          old_items->push_back(std::move(t));
        }
      }
      continue;
    }
    base.insert_or_assign(key, std::move(node));
  }
}

ScenarioFile::Document parse_document(std::string_view text, const std::string& source_name) {
  try {
    return ScenarioFile::Document{toml::parse(text, source_name)};
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw ScenarioError({fmt::format("{}:{}:{}: not valid TOML: {}", source_name, where.line, where.column,
                                     e.description())});
  }
}

toml::table load_with_bases(const std::filesystem::path& path, std::vector<std::filesystem::path>& chain);

// `own`, read from `path`, laid over its base if its [scenario] names one.
toml::table with_bases(toml::table own, const std::filesystem::path& path, std::vector<std::filesystem::path>& chain) {
  const toml::node* base_node = own.at_path("scenario.base").node();
  if (!base_node) return own;
  const auto base_name = base_node->value<std::string>();
  const auto& where = base_node->source().begin;
  const std::string location = fmt::format("{}:{}:{}", path.string(), where.line, where.column);
  if (!base_name || base_name->empty())
    throw ScenarioError({fmt::format("{}: scenario.base: expected the file name of the scenario this one changes", location)});
  const std::filesystem::path base_path = path.parent_path() / *base_name;
  if (std::error_code ec; std::filesystem::is_directory(base_path, ec))
    throw ScenarioError({fmt::format("{}: scenario.base: \"{}\" is a folder; expected the file name of the scenario this one changes",
                                     location, *base_name)});
  for (const auto& seen : chain)
    if (std::filesystem::weakly_canonical(seen) == std::filesystem::weakly_canonical(base_path))
      throw ScenarioError({fmt::format("{}: scenario.base: \"{}\" is already in the chain of bases (a cycle)", location, *base_name)});
  chain.push_back(path);
  toml::table merged = load_with_bases(base_path, chain);
  chain.pop_back();
  lay_over(merged, own);
  return merged;
}

toml::table load_with_bases(const std::filesystem::path& path, std::vector<std::filesystem::path>& chain) {
  const std::string from = chain.empty() ? "" : fmt::format(" (the base of {})", chain.back().string());
  std::error_code ec;
  // A directory opens as an empty stream on Linux, which would read as a file with no keys.
  if (std::filesystem::is_directory(path, ec))
    throw ScenarioError({fmt::format("{}: is a folder, not a scenario file{}", path.string(), from)});
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ScenarioError({fmt::format("{}: cannot open the scenario file{}", path.string(), from)});
  // Read at most one byte past the limit, so that /dev/zero or a huge file fails at once.
  std::string text(kMaxScenarioBytes + 1, '\0');
  f.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(f.gcount()));
  if (text.size() > kMaxScenarioBytes)
    throw ScenarioError({fmt::format("{}: larger than {} MB: not a scenario file{}", path.string(),
                                     kMaxScenarioBytes >> 20, from)});
  return with_bases(parse_document(text, path.string()).root, path, chain);
}

}  // namespace

ScenarioFile ScenarioFile::load(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> chain;
  auto doc = std::make_unique<Document>();
  doc->root = load_with_bases(path, chain);
  return ScenarioFile(std::move(doc), path.string());
}

ScenarioFile ScenarioFile::parse(std::string_view text, std::string source_name) {
  std::vector<std::filesystem::path> chain;
  auto doc = std::make_unique<Document>();
  doc->root = with_bases(parse_document(text, source_name).root, source_name, chain);
  return ScenarioFile(std::move(doc), std::move(source_name));
}

void ScenarioFile::apply_overrides(const std::vector<std::string>& assignments) {
  std::vector<std::string> problems;
  for (const auto& a : assignments) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      problems.push_back(fmt::format("--set {}: expected name=value, e.g. --set citizens.legitimacy=0.7", a));
      continue;
    }
    const std::string dotted = a.substr(0, eq);
    const std::string text = a.substr(eq + 1);
    // One value and nothing else: a comment, a second line or a table after it would be dropped
    // (or worse, read) without a word.
    if (text.find_first_of("\n\r") != std::string::npos) {
      problems.push_back(fmt::format("--set {}: the value must be on one line", dotted));
      continue;
    }
    toml::table parsed;
    try {
      const std::string line = "v = " + text;
      parsed = toml::parse(line);
      const auto& end = parsed.get("v")->source().end;
      const auto rest = std::string_view(line).substr(std::min(line.size(), size_t(end.column - 1)));
      if (rest.find_first_not_of(" \t") != std::string_view::npos) {
        problems.push_back(fmt::format("--set {}: unexpected text after the value: '{}' (quote a text value: "
                                       "--set '{}=\"...\"')", dotted, rest.substr(rest.find_first_not_of(" \t")), dotted));
        continue;
      }
    } catch (const toml::parse_error&) {
      parsed = toml::table{};
      parsed.insert("v", text);  // a bare word: take it as text
    }
    // Walk (and create) the tables on the path.
    toml::table* t = &doc_->root;
    std::string_view rest = dotted;
    bool ok = true;
    while (true) {
      const size_t dot = rest.find('.');
      const std::string_view seg = rest.substr(0, dot);
      if (seg.empty()) {
        problems.push_back(fmt::format("--set {}: empty name segment", dotted));
        ok = false;
        break;
      }
      if (dot == std::string_view::npos) {
        t->insert_or_assign(seg, std::move(*parsed.get("v")));
        break;
      }
      // "decision[2]" addresses one table of a list by position, "decision[secret-speech]" by its id.
      std::string name(seg);
      std::optional<std::string> selector;
      if (const size_t br = name.find('['); br != std::string::npos && name.back() == ']') {
        selector = name.substr(br + 1, name.size() - br - 2);
        name = name.substr(0, br);
      }
      toml::node* next = t->get(name);
      if (selector) {
        toml::array* arr = next ? next->as_array() : nullptr;
        toml::table* found = nullptr;
        const bool numeric = !selector->empty() && selector->find_first_not_of("0123456789") == std::string::npos;
        for (size_t i = 0; arr && i < arr->size() && !found; ++i) {
          toml::table* item = arr->get(i)->as_table();
          if (!item) continue;
          if (numeric ? i == std::stoul(*selector) : item->get("id") && item->get("id")->value<std::string>() == *selector)
            found = item;
        }
        if (!found) {
          problems.push_back(fmt::format("--set {}: the scenario has no table {}[{}]", dotted, name, *selector));
          ok = false;
          break;
        }
        t = found;
      } else if (!next) {
        t = t->insert_or_assign(name, toml::table{}).first->second.as_table();
      } else if (next->is_table()) {
        t = next->as_table();
      } else {
        problems.push_back(fmt::format("--set {}: '{}' is not a table in the scenario", dotted, name));
        ok = false;
        break;
      }
      rest = rest.substr(dot + 1);
    }
    if (ok) overridden_.push_back(dotted);
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

std::string ScenarioFile::location(std::string_view dotted_path) const {
  const toml::node* n = doc_->root.at_path(dotted_path).node();
  if (!n || n->source().begin.line == 0) return source_;
  const auto& where = n->source();
  const std::string& file = where.path && !where.path->empty() ? *where.path : source_;
  return fmt::format("{}:{}:{}", file, where.begin.line, where.begin.column);
}

std::string ScenarioFile::file_of(std::string_view dotted_path) const {
  const toml::node* n = doc_->root.at_path(dotted_path).node();
  if (!n || n->source().begin.line == 0 || overridden(dotted_path)) return {};
  const auto& where = n->source();
  return where.path && !where.path->empty() ? *where.path : source_;
}

std::optional<std::string> ScenarioFile::overridden(std::string_view dotted_path) const {
  const toml::node* target = doc_->root.at_path(dotted_path).node();
  if (!target) return std::nullopt;
  for (const auto& o : overridden_) {
    // Walk the assignment's name as apply_overrides did, "decision[secret-speech]" by id.
    const toml::node* n = nullptr;
    const toml::table* t = &doc_->root;
    std::string_view rest = o;
    while (t) {
      const size_t dot = rest.find('.');
      std::string name(rest.substr(0, dot));
      std::optional<std::string> selector;
      if (const size_t br = name.find('['); br != std::string::npos && name.back() == ']') {
        selector = name.substr(br + 1, name.size() - br - 2);
        name = name.substr(0, br);
      }
      n = t->get(name);
      if (n && selector) {
        const toml::array* arr = n->as_array();
        n = nullptr;
        const bool numeric = !selector->empty() && selector->find_first_not_of("0123456789") == std::string::npos;
        for (size_t i = 0; arr && i < arr->size() && !n; ++i) {
          const toml::table* item = arr->get(i)->as_table();
          if (item && (numeric ? std::to_string(i) == *selector
                               : item->get("id") && item->get("id")->value<std::string>() == *selector))
            n = item;
        }
      }
      if (dot == std::string_view::npos || !n) break;
      t = n->as_table();
      rest = rest.substr(dot + 1);
    }
    if (n == target) return o;
  }
  return std::nullopt;
}

std::optional<std::string> ScenarioFile::text_at(std::string_view dotted_path) const {
  const auto node = doc_->root.at_path(dotted_path);
  if (auto s = node.as_string()) return s->get();
  return std::nullopt;
}

void ScenarioFile::bind(const std::function<void(ParamVisitor&)>& describe, std::optional<Calendar> calendar) const {
  auto problems = detail::bind_table(doc_->root, describe, source_, calendar, overridden_);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

std::string ScenarioFile::to_toml() const {
  std::ostringstream s;
  s << toml::toml_formatter{doc_->root};
  return s.str();
}

std::string params_to_toml(const std::function<void(ParamVisitor&)>& describe, std::optional<Calendar> calendar,
                           const std::vector<std::string>& omit) {
  auto table = detail::write_table(describe, calendar);
  for (const auto& path : omit) {
    const auto dot = path.rfind('.');
    toml::table* parent = dot == std::string::npos ? &table : table.at_path(path.substr(0, dot)).as_table();
    if (parent) parent->erase(dot == std::string::npos ? path : path.substr(dot + 1));
  }
  std::ostringstream s;
  s << toml::toml_formatter{table};
  return s.str();
}

namespace {
std::string inline_toml(const toml::node& n) {
  std::ostringstream s;
  if (const toml::table* t = n.as_table()) {
    s << "{ ";
    bool first = true;
    for (auto&& [k, v] : *t) {
      s << (first ? "" : ", ") << k.str() << " = " << inline_toml(v);
      first = false;
    }
    s << " }";
  } else {
    n.visit([&](auto&& v) { s << toml::toml_formatter{v}; });
  }
  return s.str();
}

void collect_values(const toml::table& t, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (auto&& [k, v] : t) {
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    // A schedule written as a table ({points, interpolation}) is one value, not a section.
    if (const toml::table* inner = v.as_table(); inner && !inner->contains("points")) collect_values(*inner, path, out);
    else out[path] = inline_toml(v);
  }
}
}  // namespace

std::map<std::string, std::string> params_as_toml_values(const std::function<void(ParamVisitor&)>& describe,
                                                         std::optional<Calendar> calendar) {
  std::map<std::string, std::string> out;
  collect_values(detail::write_table(describe, calendar), "", out);
  return out;
}

}  // namespace thaw::io

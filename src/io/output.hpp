// Writing the files people open: every failure is an error naming the file.
//
//   write_text("runs/x/run.json", json);          // throws std::runtime_error("cannot write ...")
//   OutputFolder out("runs/validation");          // created if missing
//   out.write("validation.md", markdown);
//   { auto f = out.open("targets.csv"); f << ...; }
//   out.written();                                // every path, in the order written
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace thaw::io {

void write_text(const std::filesystem::path& path, std::string_view text);

class OutputFolder {
 public:
  explicit OutputFolder(std::filesystem::path dir);
  // A file of the folder, open for writing; throws if it cannot be opened.
  std::ofstream open(const std::string& name);
  void write(const std::string& name, std::string_view text);
  const std::vector<std::filesystem::path>& written() const { return written_; }

 private:
  std::filesystem::path dir_;
  std::vector<std::filesystem::path> written_;
};

}  // namespace thaw::io

<?php
// Runs Moodle's own question importers (GIFT and Moodle XML) on a file and prints what
// Moodle would store, as JSON: the strongest evidence that an export arrives intact.
//
//   php moodle_import.php xml|gift FILE
//
// The importers are Moodle's files, unchanged, from tests/lms/data/moodle (GPL v3, see
// the README there). Only what those files call from the rest of Moodle is stubbed below,
// each stub doing what Moodle does for the input labelbook writes (plain question names,
// no files, no plugins that import questions); nothing of the importers is replaced.
// For each question it also prints Moodle's "question summary" (what the quiz Responses
// report shows in its Question N column), made by Moodle's own html2text.

error_reporting(E_ALL);
set_error_handler(function ($severity, $message, $file, $line) {
    throw new ErrorException($message, 0, $severity, $file, $line);
});

define('MOODLE_INTERNAL', true);
define('FORMAT_MOODLE', '0');
define('FORMAT_HTML', '1');
define('FORMAT_PLAIN', '2');
define('FORMAT_WIKI', '3');
define('FORMAT_MARKDOWN', '4');
define('PARAM_TEXT', 'text');
define('PARAM_FILE', 'file');
define('DEBUG_DEVELOPER', 32767);

$CFG = new stdClass();
$CFG->dirroot = __DIR__ . '/data/moodle';
$CFG->libdir = $CFG->dirroot . '/lib';

class moodle_exception extends Exception {
    public function __construct($errorcode, $module = '', $link = '', $a = null) {
        parent::__construct("$module/$errorcode: " . json_encode($a));
    }
}
class coding_exception extends moodle_exception {
}

// The importers' messages go to stderr, where the test sees them.
$IMPORT_ERRORS = [];
function get_string($identifier, $component = '', $a = null) {
    return "[$component:$identifier]" . ($a === null ? '' : ' ' . json_encode($a));
}
function debugging($message = '', $level = 0) {
    global $IMPORT_ERRORS;
    $IMPORT_ERRORS[] = "debugging: $message";
}
function s($text) {
    return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
}
// Moodle's defaults of a fresh site: quiz | shuffleanswers = 1, qtype_multichoice | answernumbering = abc.
function get_config($plugin, $name) {
    $defaults = ['quiz' => ['shuffleanswers' => '1'], 'qtype_multichoice' => ['answernumbering' => 'abc']];
    return $defaults[$plugin][$name];
}
// PARAM_TEXT strips tags; question names labelbook writes are example ids, plain text.
function clean_param($value, $type) {
    return strip_tags((string) $value);
}
function shorten_text($text, $ideal = 30) {
    return core_text::substr($text, 0, $ideal);
}
class core_text {
    public static function strlen($text, $charset = 'utf-8') { return mb_strlen($text, $charset); }
    public static function substr($text, $start, $len = null, $charset = 'utf-8') { return mb_substr($text, $start, $len, $charset); }
    public static function strtolower($text, $charset = 'utf-8') { return mb_strtolower($text, $charset); }
    public static function strtoupper($text, $charset = 'utf-8') { return mb_strtoupper($text, $charset); }
    public static function trim_utf8_bom($str) {
        $bom = "\xef\xbb\xbf";
        return strpos($str, $bom) === 0 ? substr($str, strlen($bom)) : $str;
    }
}
class core_tag_tag {
    public static function is_enabled($component, $itemtype) { return true; }
}
class question_bank {
    public static function get_all_qtypes() { return []; }
    public static function get_qtype($name, $mustexist = true) { return null; }
}
// Moodle's format_text with 'noclean' and no filters: the text as stored.
function format_text($text, $format = FORMAT_MOODLE, $options = null) {
    return $text;
}

require_once($CFG->dirroot . '/question/format.php');
require_once($CFG->dirroot . '/question/format/xml/format.php');
require_once($CFG->dirroot . '/question/format/gift/format.php');
require_once($CFG->libdir . '/html2text/lib.php');

// question_utils::to_plain_text (question/engine/lib.php): html_to_text(format_text(...), 0, false).
function plain($text) {
    $h2t = new core_html2text($text, ['width' => 0, 'do_links' => 'none']);
    return $h2t->getText();
}

// Both importers inherit readdata and readquestions; only their visibility is lifted here.
trait runs_import {
    public function run($path) {
        $this->displayprogress = false;
        ob_start();  // qformat_default::error() echoes HTML; the test reads it from stderr
        $questions = $this->readquestions($this->readdata($path));
        $echoed = ob_get_clean();
        if ($echoed !== '') {
            fwrite(STDERR, $echoed);
        }
        return $questions;
    }
}
class harness_xml extends qformat_xml { use runs_import; }
class harness_gift extends qformat_gift { use runs_import; }

function text_of($field) {
    return is_array($field) ? ['text' => $field['text'], 'format' => (string) $field['format']] : ['text' => $field, 'format' => null];
}

[$script, $kind, $path] = $argv;
$format = $kind === 'xml' ? new harness_xml() : new harness_gift();
$out = [];
foreach ($format->run($path) ?: [] as $q) {
    $answers = [];
    foreach ($q->answer ?? [] as $i => $answer) {
        $answers[] = ['answer' => text_of($answer), 'fraction' => (float) $q->fraction[$i], 'feedback' => text_of($q->feedback[$i])];
    }
    // qtype_multichoice_base::get_question_summary: the question, ': ', the answers joined by '; '.
    $choices = array_map(fn($a) => plain($a['answer']['text']), $answers);
    $out[] = [
        'qtype' => $q->qtype,
        'name' => $q->name,
        'idnumber' => $q->idnumber ?? null,
        'questiontext' => $q->questiontext,
        'questiontextformat' => (string) $q->questiontextformat,
        'generalfeedback' => $q->generalfeedback,
        'generalfeedbackformat' => (string) $q->generalfeedbackformat,
        'defaultmark' => (float) $q->defaultmark,
        'penalty' => (float) $q->penalty,
        'single' => (int) ($q->single ?? -1),
        'shuffleanswers' => (int) $q->shuffleanswers,
        'answernumbering' => $q->answernumbering ?? null,
        'showstandardinstruction' => (int) !empty($q->showstandardinstruction),
        'tags' => $q->tags ?? [],
        'answers' => $answers,
        'questionsummary' => plain($q->questiontext) . ': ' . implode('; ', $choices),
        'answersummaries' => $choices,
    ];
}
fwrite(STDERR, implode("\n", $IMPORT_ERRORS));
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT), "\n";

// Plain text made safe for LaTeX (captions, run names, table cells) and names made valid for \newcommand.

const replacements: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#', '%': '\\%', '_': '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', 'λ': '$\\lambda$', 'μ': '$\\mu$', 'σ': '$\\sigma$', 'Σ': '$\\Sigma$',
  '±': '$\\pm$', '≥': '$\\geq$', '≤': '$\\leq$', '×': '$\\times$', '–': '--', '—': '---', '−': '$-$', '’': "'",
  'η': '$\\eta$', 'γ': '$\\gamma$', '₀': '$_0$', '→': '$\\to$',
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&#%_^~λμσΣ±≥≤×–—−’ηγ₀→]/g, (c) => replacements[c] ?? c);
}

/** "A", "B", …, "Z", "AA", … for index 0, 1, … (command names take letters only). */
export function letters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** `final-fid` → `FinalFid`: letters only, each word capitalised. */
export function commandWord(text: string): string {
  return text.split(/[^A-Za-z]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

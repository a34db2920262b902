/**
 * A PostCSS plugin for the weapp build: drops the rules of NutUI's stylesheets that style what the app never
 * draws, so they stay out of the main package (app-origin.wxss, common.wxss; README, "Where things are").
 * The app uses NutUI's Button only, as type default / primary / danger, size normal / small, without `fill`
 * (NutUI then adds no fill class but nut-button-primary-solid) and without the icon animations; the button
 * stylesheet also carries the other types, sizes, fills, the square shape and right-to-left layout.
 * tests/build/weapp.test.ts checks that every Button variant the pages draw keeps its rules.
 */
const unused = [
  // Types and sizes no page uses.
  /\.nut-button-(warning|success|info|xlarge|large|mini)\b/,
  // `fill` (dashed, outline, none, solid): a page that sets it gets these classes.
  /\.nut-button-([a-z]+-)?(dashed|outline|none)\b/,
  /\.nut-button-solid\b/,
  /\.nut-button-square\b/,
  // Right-to-left layout.
  /\[dir=rtl\]/,
  /\.nut-rtl\b/,
  // The icons' animation classes (nut-icon-am-*) and their keyframes.
  /\.nut-icon-am-/,
];
const unusedKeyframes = /^nut(Jump|JumpOne|Blink|Breathe|Flash|Bounce|Shake)$/;

/** True where a selector styles only what the app never draws. */
function dropped(selector) {
  return unused.some((pattern) => pattern.test(selector));
}

function nutuiTrim() {
  return {
    postcssPlugin: 'hongling-nutui-trim',
    Once(root) {
      const file = (root.source && root.source.input.file) || '';
      if (!/[\\/]@nutui[\\/](nutui|icons)-react-taro[\\/]/.test(file)) return;
      root.walkRules((rule) => {
        if (rule.parent && rule.parent.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((s) => !dropped(s));
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      root.walkAtRules(/keyframes$/, (at) => {
        if (unusedKeyframes.test(at.params.trim())) at.remove();
      });
    },
  };
}
nutuiTrim.postcss = true;

module.exports = nutuiTrim;
module.exports.dropped = dropped;

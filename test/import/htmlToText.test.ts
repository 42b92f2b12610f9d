import { htmlToText } from '../../src/import/htmlToText';

describe('htmlToText', () => {
  test.each([
    [
      'entities decoded once',
      'Fish &amp; chips, caf&eacute;, &#39;quoted&#39;, &quot;q&quot;, &#8212; dash',
      'Fish & chips, café, \'quoted\', "q", — dash',
    ],
    [
      'escaped angle brackets stay text (tags are found before entities are decoded)',
      'Well &lt;sigh&gt; here we go',
      'Well <sigh> here we go',
    ],
    ['a double-escaped entity shows as typed', 'Write &amp;amp; for an ampersand', 'Write &amp; for an ampersand'],
    ['<br> is a line, two are a paragraph', 'one<br />two<br><br/>three', 'one\ntwo\n\nthree'],
    ['paragraphs and divs', '<p>First</p><p>Second</p><div>Third</div>', 'First\n\nSecond\n\nThird'],
    [
      'links keep their text and gain their address',
      'See <a href="https://example.org/report.pdf">the report</a>.',
      'See the report (https://example.org/report.pdf).',
    ],
    ['a link that shows its own address is not repeated', '<a href="http://www.napo.org.uk/">www.napo.org.uk</a>', 'www.napo.org.uk'],
    [
      'an empty link shows its address',
      'image: <a href="https://example.org/pic.jpg"><img src="x.jpg"></a>',
      'image: https://example.org/pic.jpg',
    ],
    [
      'anchors and scripts say nothing to a reader',
      '<a href="#top">Top</a><script>var x = "<b>";</script><style>p{color:red}</style>',
      'Top',
    ],
    ['HTML newlines are spaces', '<p>a long\nwrapped\n  line</p>', 'a long wrapped line'],
    [
      'plain text keeps its line breaks (Blogger\'s "convert line breaks")',
      'line one\nline two\n\npara two',
      'line one\nline two\n\npara two',
    ],
    ['lists', '<ul><li>one</li><li>two</li></ul>after', '• one\n• two\n\nafter'],
    ['non-breaking spaces and runs of blanks collapse', 'a&nbsp;&nbsp; b \t c', 'a b c'],
    ['inline markup leaves no trace', '<b>bold</b> <i>it</i><span style="x">alic</span> <font color="red">red</font>', 'bold italic red'],
  ])('%s', (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  test('no tag survives, whatever the markup', () => {
    const html =
      '<div><p>A <b>b <i>c</i></b></p><table><tr><td>x</td><td>y</td></tr></table><blockquote>q</blockquote><iframe src="v"></iframe></div>';
    const text = htmlToText(html);
    expect(text).not.toMatch(/<|>/);
    expect(text).toBe('A b c\n\n| x | y\n\nq');
  });
});

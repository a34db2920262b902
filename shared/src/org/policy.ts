/**
 * The privacy policy (隐私政策) and the user agreement (用户协议), one version for both: a person agrees to
 * the version in force, the server records which and when, and a new version asks everyone again. Change
 * `policyVersion` whenever either text changes in substance (a new kind of data, a new purpose, a new
 * recipient); a wording fix that changes nothing a person agreed to may keep it.
 *
 * What the texts say must stay true of the code: the phone table in shared/src/core/privacy.ts, what
 * 注销 erases and keeps (cloudfunctions/org/account.commands.ts), the photo and location handling.
 */
export const policyVersion = '2026-11-27';
export const policyVersionLabel = '2026年11月27日版';

export type PolicySection = { heading: string; paragraphs: readonly string[] };
export type PolicyDocument = { key: 'privacy' | 'terms'; title: string; sections: readonly PolicySection[] };

// The operator is the district's organisation department; its address and telephone, once a district deploys,
// go here (and `policyVersion` moves with them).
const contact =
  '本区区委组织部（红领小程序的运营方）。您可以通过所在社区的红领工作站转达，也可以直接向区委组织部提出。';

export const privacyPolicy: PolicyDocument = {
  key: 'privacy',
  title: '红领隐私政策',
  sections: [
    {
      heading: '一、我们是谁',
      paragraphs: [
        '“红领”是区委组织部为城市基层党建和社区治理提供的微信小程序，运营方为本区区委组织部。我们依照《中华人民共和国个人信息保护法》处理您的个人信息，只收集办事必需的信息。',
      ],
    },
    {
      heading: '二、我们收集哪些信息、为什么收集',
      paragraphs: [
        '微信身份标识（OpenID）：微信在您打开小程序时提供，用来识别您本人，使您的报到、心愿、积分等记录归属于您。我们不获取您的微信昵称、头像和好友关系。',
        '姓名、手机号、报到单位、居住的社区和单元：在职党员到社区报到时填写，用于社区工作站审核、联系您，以及您的单位党组织查看报到回执。',
        '发布微心愿、反映问题时填写的联系人、手机号、所在单元和描述：用于社区工作站安排办理、认领的党员或职能部门与您联系。',
        '照片：您发布心愿、反映问题或反馈完成情况时主动上传的照片，用于说明情况。',
        '位置：仅在您扫码签到需要定位的社区活动时，获取一次当时的位置，用于核对您是否在活动地点附近；位置不保存，只保存与活动地点的距离。',
        '工作人员发布需要定位签到的活动时，可以用当时的位置作为活动地点，这个地点随活动保存。',
        '服务记录、积分和兑换记录、消息：由您参加活动、认领岗位和心愿、兑换物品时产生，用于计算服务时长和志愿服务积分。',
      ],
    },
    {
      heading: '三、谁能看到您的信息',
      paragraphs: [
        '您本人可以看到自己的全部信息（“我的”→“我的数据”）。',
        '手机号按最少必要的原则展示：报到信息，社区工作站看到完整号码，您的单位党组织和区委组织部只看到隐藏中间四位的号码；心愿的手机号，社区工作站看到完整号码，网格、单元长和认领的党员看到隐藏中间四位的号码（您发布时同意认领党员联系您的，认领党员可看到完整号码）；反映问题的手机号，社区工作站看到完整号码，职能部门只有在社区工作站选择共享您的身份时才能看到。',
        '照片只以短时有效的链接展示给有权查看该记录的人员。',
        '我们不向任何第三方出售或提供您的个人信息，法律法规另有规定的除外。',
      ],
    },
    {
      heading: '四、保存多久',
      paragraphs: [
        '您的信息在您使用小程序期间保存。您注销账号后，我们立即删除或匿名化您的姓名、手机号、单元地址、照片和消息；为保证他人的积分、服务记录和问题办理记录真实完整，积分流水、审计记录和办理过程会保留，但只以无法识别您身份的匿名编号出现。',
      ],
    },
    {
      heading: '五、您的权利',
      paragraphs: [
        '查阅和复制：在“我的”→“我的数据”中查看我们保存的关于您的全部信息。',
        '更正：报到信息有误，可在社区报到页重新提交；其他信息可联系社区工作站更正。',
        '撤回同意和注销：在“我的”→“我的数据”→“注销账号”中注销；注销后您将无法再查看原有记录，再次使用需重新同意本政策。',
        '对以上处理有疑问或投诉，请联系我们，我们将在15个工作日内答复。',
      ],
    },
    { heading: '六、联系我们', paragraphs: [contact] },
    {
      heading: '七、本政策的更新',
      paragraphs: [
        '本政策更新后，我们会在您下次打开小程序时请您重新阅读并确认；您不同意的，可以只阅读本政策或退出小程序。',
      ],
    },
  ],
};

export const userAgreement: PolicyDocument = {
  key: 'terms',
  title: '红领用户协议',
  sections: [
    {
      heading: '一、服务内容',
      paragraphs: [
        '“红领”为在职党员到居住社区报到、认领岗位、参加社区活动、认领微心愿、获得和使用志愿服务积分，为居民发布微心愿、反映社区问题，为社区工作站、职能部门和组织部门开展工作提供服务。服务免费。',
      ],
    },
    {
      heading: '二、您的承诺',
      paragraphs: [
        '如实填写报到信息、心愿和问题，不冒用他人身份，不发布违法、侮辱他人或与社区事务无关的内容。',
        '扫码签到须本人到场；不得转发活动码代他人签到。',
        '积分只能用于本社区积分超市兑换，不得转让或买卖；发现以不正当方式获取的积分，社区工作站可以更正。',
      ],
    },
    {
      heading: '三、我们的责任',
      paragraphs: [
        '我们按隐私政策保护您的个人信息，保存您的服务记录和积分流水，记录真实、可查。',
        '因网络、系统维护等原因暂时无法使用的，我们会尽快恢复；已产生的记录不受影响。',
      ],
    },
    {
      heading: '四、注销',
      paragraphs: [
        '您可以随时在“我的”→“我的数据”中注销账号。注销前请先完成或放弃正在进行的认领、领取或取消未领取的兑换；担任社区、网格、单元、部门或单位管理身份的，请先由上级撤销该身份。注销后剩余积分作废，不能恢复。',
      ],
    },
    { heading: '五、联系我们', paragraphs: [contact] },
  ],
};

export const policyDocuments = { privacy: privacyPolicy, terms: userAgreement } as const;
